package io.storesight.common.messaging;

/**
 * A failure that goes away by itself (a broker that does not acknowledge, a database locked by another process): the
 * work is retried in place, never dead-lettered. Thrown where the original error would not say so on its own.
 */
public class TransientFailure extends RuntimeException {
    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
