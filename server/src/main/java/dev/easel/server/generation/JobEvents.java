package dev.easel.server.generation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/** In-process publish/subscribe of job events, and the latest event of each unfinished job. */
@Component
public class JobEvents {
    private final Map<String, List<Consumer<JobEvent>>> listeners = new ConcurrentHashMap<>();
    private final Map<String, JobEvent> latest = new ConcurrentHashMap<>();
    // Remembered for a while so that a caller who starts waiting just after the rejection still learns it was one.
    private final Cache<String, String> rejections = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();

    /** Subscribes to a job's events; close the returned handle to stop. */
    public AutoCloseable subscribe(String jobId, Consumer<JobEvent> listener) {
        listeners.computeIfAbsent(jobId, id -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.computeIfPresent(jobId, (id, list) -> {
            list.remove(listener);
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
        List<Consumer<JobEvent>> subscribers = listeners.get(event.jobId());
        if (subscribers != null) {
            subscribers.forEach(listener -> listener.accept(event));
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
}
