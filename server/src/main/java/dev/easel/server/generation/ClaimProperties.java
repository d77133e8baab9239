package dev.easel.server.generation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How claimed jobs are held.
 *
 * @param lease how long a claim holds a job without renewal; a node renews its jobs' leases every third of it, and a
 *     job whose lease ran out (its node died or was cut off) goes back to the queue
 * @param maxAttempts claims a job gets: a job whose lease ran out this many times fails instead of going back
 */
@ConfigurationProperties("easel.generation")
public record ClaimProperties(Duration lease, Integer maxAttempts) {

    public ClaimProperties {
        lease = lease == null ? Duration.ofSeconds(30) : lease;
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        if (lease.compareTo(Duration.ofMillis(300)) < 0) {
            throw new IllegalArgumentException("easel.generation.lease must be at least 300ms, got " + lease);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("easel.generation.max-attempts must be at least 1, got " + maxAttempts);
        }
    }

    /** How often a node renews its leases. */
    Duration renewEvery() {
        return lease.dividedBy(3);
    }
}
