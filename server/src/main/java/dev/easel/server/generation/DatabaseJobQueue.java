package dev.easel.server.generation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/** The jobs table as the queue, with in-process wake-ups (the embedded default, and one node of many). */
final class DatabaseJobQueue implements JobQueue {
    private final JobRepository jobs;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long arrivals;

    DatabaseJobQueue(JobRepository jobs) {
        this.jobs = jobs;
    }

    @Override
    public void arrived(String model) {
        lock.lock();
        try {
            arrivals++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        listeners.forEach(listener -> listener.accept(model));
    }

    @Override
    public void whenJobArrives(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public long arrivals() {
        lock.lock();
        try {
            return arrivals;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void awaitArrival(long seen, Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (arrivals == seen && left > 0) {
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int position(String jobId) {
        return jobs.position(jobId);
    }

    @Override
    public boolean waiting(String model) {
        return jobs.waiting(model);
    }

    @Override
    public List<String> waitingModels() {
        return jobs.waitingModels();
    }

    @Override
    public int size() {
        return jobs.size();
    }
}
