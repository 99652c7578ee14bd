package io.storesight.common.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;

/**
 * The single writer of a service's SQLite database. SQLite has one writer at a time, and two transactions that both
 * read and then write fail with SQLITE_BUSY when the second upgrades its lock (busy_timeout does not help there), so
 * every write transaction runs here, one at a time (fair), each in a new transaction. Reads need no lock (WAL).
 * {@link Jdbc} refuses a write that does not run here, so no write path can go around it. Each transaction starts
 * with {@code BEGIN IMMEDIATE} (the JDBC URL's {@code transaction_mode}) and commits with {@code synchronous=FULL}:
 * it holds the database's write lock from its first statement, and once it returns the change survives a power cut.
 *
 * <p>
 * Memory that mirrors the database (a gallery, a cache) is changed only after the commit, through
 * {@link AfterCommit}: a rolled-back change never reaches it. Commit listeners ({@link #onCommit}) run after every
 * commit, outside the lock: how the outbox relay learns there is something to send.
 */
@ApplicationScoped
public class Writer {
    private static final ThreadLocal<Boolean> WRITING = ThreadLocal.withInitial(() -> false);

    private final ReentrantLock lock = new ReentrantLock(true);
    private final List<Runnable> commitListeners = new CopyOnWriteArrayList<>();

    /** Actions on memory-only state to run once the transaction has committed. */
    public static final class AfterCommit {
        private final List<Runnable> actions = new ArrayList<>();

        public void add(Runnable action) {
            actions.add(action);
        }

        void run() {
            actions.forEach(Runnable::run);
        }
    }

    /** Runs {@code work} alone in a new transaction; its after-commit actions run once it has committed. */
    public <T> T write(Function<AfterCommit, T> work) {
        AfterCommit afterCommit = new AfterCommit();
        T result;
        lock.lock();
        try {
            try {
                result = QuarkusTransaction.requiringNew().call(() -> {
                    boolean outer = WRITING.get();
                    WRITING.set(true);
                    try {
                        return work.apply(afterCommit);
                    } finally {
                        WRITING.set(outer);
                    }
                });
            } catch (QuarkusTransactionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
            afterCommit.run();
        } finally {
            lock.unlock();
        }
        commitListeners.forEach(Runnable::run);
        return result;
    }

    /** {@link #write(Function)} for work without a result. */
    public void run(Consumer<AfterCommit> work) {
        write(afterCommit -> {
            work.accept(afterCommit);
            return null;
        });
    }

    /**
     * A bounded delete, {@code step} (given its batch size, returns how many rows went), repeated in write
     * transactions of their own until a batch takes fewer than {@code batch} rows: a long backlog is purged without
     * holding up the other writers for long. Returns how many rows went in all.
     */
    public int inBatches(int batch, IntUnaryOperator step) {
        int total = 0;
        int deleted;
        do {
            deleted = write(afterCommit -> step.applyAsInt(batch));
            total += deleted;
        } while (deleted == batch);
        return total;
    }

    /** Whether the calling thread runs inside a write transaction of a Writer. */
    static boolean writing() {
        return WRITING.get();
    }

    /** Called after every commit of this writer (cheap and non-blocking, e.g. a wake-up). */
    public void onCommit(Runnable listener) {
        commitListeners.add(listener);
    }
}
