package dev.easel.server.generation;

/**
 * A job's state, and which state may follow which: the state machine that {@link JobTransitions} applies.
 *
 * <pre>
 * QUEUED  -> RUNNING                  a batch loop admits it
 * QUEUED  -> DONE                     it followed an identical job, whose images it gets
 * QUEUED  -> FAILED | CANCELED        queue full, expired, model unavailable; canceled while waiting
 * RUNNING -> DONE | FAILED | CANCELED computed; failed or rejected by the model; canceled
 * RUNNING -> QUEUED                   recovered after a restart (the previous run died computing it)
 * DONE, FAILED, CANCELED              final
 * </pre>
 */
public enum JobState {
    QUEUED,
    RUNNING,
    DONE,
    FAILED,
    CANCELED;

    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELED;
    }

    public boolean canMoveTo(JobState next) {
        return switch (this) {
            case QUEUED -> next == RUNNING || next.finished();
            case RUNNING -> next == QUEUED || next.finished();
            case DONE, FAILED, CANCELED -> false;
        };
    }
}
