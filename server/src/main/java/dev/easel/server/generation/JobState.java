package dev.easel.server.generation;

public enum JobState {
    QUEUED,
    RUNNING,
    DONE,
    FAILED,
    CANCELED;

    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELED;
    }
}
