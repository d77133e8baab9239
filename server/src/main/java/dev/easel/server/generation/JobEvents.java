package dev.easel.server.generation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * In-process publish/subscribe of job events, and the latest event of each unfinished job. Publishing never waits for
 * a listener: each subscription has a small mailbox drained on its own virtual thread, so a slow client (an SSE
 * stream over a bad link) loses progress events rather than holding up the batch loop that publishes them, and a
 * listener that throws is logged and affects nothing else. Terminal events are never dropped.
 */
@Component
public class JobEvents implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(JobEvents.class);
    /** Progress events a subscription may have waiting; older ones are dropped beyond it. */
    static final int MAILBOX = 16;

    private final Map<String, List<Mailbox>> listeners = new ConcurrentHashMap<>();
    private final Map<String, JobEvent> latest = new ConcurrentHashMap<>();
    private final ExecutorService delivery = Executors.newVirtualThreadPerTaskExecutor();
    // Remembered for a while so that a caller who starts waiting just after the rejection still learns it was one.
    private final Cache<String, String> rejections = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();

    /** Subscribes to a job's events, delivered in order on another thread; close the returned handle to stop. */
    public AutoCloseable subscribe(String jobId, Consumer<JobEvent> listener) {
        Mailbox mailbox = new Mailbox(listener);
        listeners.computeIfAbsent(jobId, id -> new CopyOnWriteArrayList<>()).add(mailbox);
        return () -> listeners.computeIfPresent(jobId, (id, list) -> {
            list.remove(mailbox);
            return list.isEmpty() ? null : list;
        });
    }

    public void publish(JobEvent event) {
        if (event.rejected()) {
            rejections.put(event.jobId(), event.error());
        }
        if (event.terminal()) {
            latest.remove(event.jobId());
        } else {
            latest.put(event.jobId(), event);
        }
        List<Mailbox> subscribers = listeners.get(event.jobId());
        if (subscribers != null) {
            subscribers.forEach(mailbox -> mailbox.post(event));
        }
    }

    /** Why a job was rejected at admission, if it was (and recently). */
    public Optional<String> rejection(String jobId) {
        return Optional.ofNullable(rejections.getIfPresent(jobId));
    }

    /** The most recent event of an unfinished job. */
    public Optional<JobEvent> latest(String jobId) {
        return Optional.ofNullable(latest.get(jobId));
    }

    @Override
    public void destroy() {
        delivery.shutdownNow(); // a listener blocked on a dead client must not hold up shutdown
    }

    /** One subscription's undelivered events; at most one delivery thread drains it at a time, in order. */
    private final class Mailbox {
        private final Consumer<JobEvent> listener;
        private final Deque<JobEvent> waiting = new ArrayDeque<>();
        private boolean draining;
        private boolean failedBefore;

        Mailbox(Consumer<JobEvent> listener) {
            this.listener = listener;
        }

        void post(JobEvent event) {
            synchronized (this) {
                if (!event.terminal() && waiting.size() >= MAILBOX) {
                    dropOldestProgress();
                }
                waiting.addLast(event);
                if (draining) {
                    return;
                }
                draining = true;
            }
            try {
                delivery.execute(this::drain);
            } catch (RejectedExecutionException shuttingDown) {
                // Shutting down: nobody is left to tell.
            }
        }

        private void dropOldestProgress() {
            for (Iterator<JobEvent> it = waiting.iterator(); it.hasNext(); ) {
                if (!it.next().terminal()) {
                    it.remove();
                    return;
                }
            }
        }

        private void drain() {
            while (true) {
                JobEvent next;
                synchronized (this) {
                    next = waiting.pollFirst();
                    if (next == null) {
                        draining = false;
                        return;
                    }
                }
                try {
                    listener.accept(next);
                } catch (RuntimeException e) {
                    if (!failedBefore) { // once per subscription: a broken listener fails on every event
                        log.warn("a listener of job {} failed on its {} event", next.jobId(), next.type(), e);
                    }
                    failedBefore = true;
                }
            }
        }
    }
}
