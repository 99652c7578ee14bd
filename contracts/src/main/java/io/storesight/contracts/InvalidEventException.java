package io.storesight.contracts;

/** An event or frame that cannot be read: malformed JSON, a missing required field, a bad header. Not retryable. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
