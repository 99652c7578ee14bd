package io.storesight.common.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.apache.kafka.common.errors.RetriableException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Tells a failure that goes away by itself from one that would fail the same way every time. Only the second kind
 * may send a message to a dead-letter topic: a busy or locked database, a disk or network error, a broker that did
 * not acknowledge are retried in place, because a dead letter would take the event out of the stream for good.
 */
public final class Failures {
    /** SQLite's primary result codes that say nothing about the statement or the data: lock, I/O, space, memory. */
    private static final Set<Integer> TRANSIENT_SQLITE = Set.of(
            SQLiteErrorCode.SQLITE_BUSY.code,
            SQLiteErrorCode.SQLITE_LOCKED.code,
            SQLiteErrorCode.SQLITE_IOERR.code,
            SQLiteErrorCode.SQLITE_FULL.code,
            SQLiteErrorCode.SQLITE_NOMEM.code,
            SQLiteErrorCode.SQLITE_CANTOPEN.code,
            SQLiteErrorCode.SQLITE_PROTOCOL.code);

    /** Whether {@code error}, or anything that caused it, is a failure that a later attempt can get past. */
    public static boolean isTransient(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (transientItself(t)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (seen.add(suppressed) && transientItself(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean transientItself(Throwable t) {
        if (t instanceof SQLiteException sqlite) {
            // Extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_FSYNC, ...) carry the primary code in the low byte.
            return TRANSIENT_SQLITE.contains(sqlite.getResultCode().code & 0xff);
        }
        if (t instanceof java.sql.SQLException sql && sql.getMessage() != null) {
            // A driver or pool that wraps SQLite's error keeps its text.
            String message = sql.getMessage();
            if (message.contains("SQLITE_BUSY")
                    || message.contains("SQLITE_LOCKED")
                    || message.contains("database is locked")) {
                return true;
            }
        }
        return t instanceof TransientFailure
                || t instanceof IOException
                || t instanceof UncheckedIOException
                || t instanceof SQLTransientException
                || t instanceof SQLRecoverableException
                || t instanceof RetriableException
                || t instanceof java.util.concurrent.TimeoutException;
    }

    private Failures() {}
}
