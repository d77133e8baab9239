package dev.easel.server.generation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/** The single-node queue: per model, priorities in descending order, and per priority a rotation of users. */
public final class InMemoryJobQueue implements JobQueue {
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Map<String, TreeMap<Integer, LinkedHashMap<Long, Deque<QueuedJob>>>> lanes = new HashMap<>();
    private final Map<String, QueuedJob> byId = new HashMap<>();
    private final List<Consumer<String>> arrivals = new CopyOnWriteArrayList<>();

    public InMemoryJobQueue(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public boolean offer(QueuedJob job) {
        lock.lock();
        try {
            if (byId.size() >= capacity) {
                return false;
            }
            add(job);
        } finally {
            lock.unlock();
        }
        arrived(job);
        return true;
    }

    @Override
    public void restore(QueuedJob job) {
        lock.lock();
        try {
            add(job);
        } finally {
            lock.unlock();
        }
        arrived(job);
    }

    private void arrived(QueuedJob job) {
        arrivals.forEach(listener -> listener.accept(job.model()));
    }

    @Override
    public void whenJobArrives(Consumer<String> listener) {
        arrivals.add(listener);
    }

    @Override
    public boolean waiting(String model) {
        lock.lock();
        try {
            TreeMap<Integer, LinkedHashMap<Long, Deque<QueuedJob>>> lane = lanes.get(model);
            return lane != null && !lane.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private void add(QueuedJob job) {
        lanes.computeIfAbsent(job.model(), m -> new TreeMap<>(Comparator.reverseOrder()))
                .computeIfAbsent(job.priority(), p -> new LinkedHashMap<>())
                .computeIfAbsent(job.ownerId(), u -> new ArrayDeque<>())
                .addLast(job);
        byId.put(job.id(), job);
        arrived.signalAll();
    }

    @Override
    public QueuedJob poll(String model) {
        lock.lock();
        try {
            TreeMap<Integer, LinkedHashMap<Long, Deque<QueuedJob>>> lane = lanes.get(model);
            if (lane == null || lane.isEmpty()) {
                return null;
            }
            Map.Entry<Integer, LinkedHashMap<Long, Deque<QueuedJob>>> top = lane.firstEntry();
            LinkedHashMap<Long, Deque<QueuedJob>> users = top.getValue();
            Map.Entry<Long, Deque<QueuedJob>> turn = users.entrySet().iterator().next();
            QueuedJob job = turn.getValue().pollFirst();
            // The user goes to the back of the rotation, or leaves it when they have nothing more waiting.
            users.remove(turn.getKey());
            if (!turn.getValue().isEmpty()) {
                users.put(turn.getKey(), turn.getValue());
            }
            if (users.isEmpty()) {
                lane.remove(top.getKey());
            }
            byId.remove(job.id());
            return job;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public QueuedJob take(String model, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                QueuedJob job = poll(model);
                if (job != null) {
                    return job;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                arrived.await(left, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean remove(String jobId) {
        lock.lock();
        try {
            QueuedJob job = byId.remove(jobId);
            if (job == null) {
                return false;
            }
            TreeMap<Integer, LinkedHashMap<Long, Deque<QueuedJob>>> lane = lanes.get(job.model());
            LinkedHashMap<Long, Deque<QueuedJob>> users = lane.get(job.priority());
            Deque<QueuedJob> jobs = users.get(job.ownerId());
            jobs.removeIf(j -> j.id().equals(jobId));
            if (jobs.isEmpty()) {
                users.remove(job.ownerId());
            }
            if (users.isEmpty()) {
                lane.remove(job.priority());
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int position(String jobId) {
        lock.lock();
        try {
            QueuedJob job = byId.get(jobId);
            if (job == null) {
                return -1;
            }
            return serviceOrder(job.model()).indexOf(job);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<QueuedJob> expire(Instant enqueuedBefore) {
        lock.lock();
        try {
            List<QueuedJob> expired = byId.values().stream()
                    .filter(j -> j.enqueuedAt().isBefore(enqueuedBefore))
                    .toList();
            expired.forEach(j -> remove(j.id()));
            return expired;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return byId.size();
        } finally {
            lock.unlock();
        }
    }

    /** The order in which the model's waiting jobs would be polled, simulating the rotation. */
    private List<QueuedJob> serviceOrder(String model) {
        List<QueuedJob> order = new ArrayList<>();
        TreeMap<Integer, LinkedHashMap<Long, Deque<QueuedJob>>> lane = lanes.get(model);
        if (lane == null) {
            return order;
        }
        for (LinkedHashMap<Long, Deque<QueuedJob>> users : lane.values()) {
            List<Iterator<QueuedJob>> turns = new ArrayList<>();
            users.values().forEach(jobs -> turns.add(jobs.iterator()));
            boolean any = true;
            while (any) {
                any = false;
                for (Iterator<QueuedJob> turn : turns) {
                    if (turn.hasNext()) {
                        order.add(turn.next());
                        any = true;
                    }
                }
            }
        }
        return order;
    }
}
