package dev.easel.server.generation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * This node's name in the jobs table ({@code easel.node-id}). The default is the host name, so that a node started
 * again on the same host finds the jobs it was running and queues them again at once (other nodes' jobs are left to
 * their leases). Nodes that share a host and a database need distinct ids.
 */
record NodeIdentity(String id) {

    static NodeIdentity of(String configured) {
        if (configured != null && !configured.isBlank()) {
            return new NodeIdentity(configured.strip());
        }
        try {
            return new NodeIdentity(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            return new NodeIdentity("easel-" + UUID.randomUUID());
        }
    }
}
