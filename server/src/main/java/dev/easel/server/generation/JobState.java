package dev.easel.server.generation;

/**
 * A job's state, and which state may follow which: the state machine that {@link JobTransitions} applies.
 *
 * <pre>
 * QUEUED  -> RUNNING                  a node's batch loop claims it
 * QUEUED  -> DONE                     it followed an identical job, whose images it gets
 * QUEUED  -> FAILED | CANCELED        waited past the queue timeout; canceled while waiting
 * RUNNING -> DONE | FAILED | CANCELED computed; failed, rejected by the model, lease lost too often; canceled
 * RUNNING -> QUEUED                   its lease ran out (its node died), or its node started again
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
