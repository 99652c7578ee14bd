package io.storesight.identity.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;

/**
 * The single writer of identity state. Every change (an observation, the sweeper, an admin edit, retention) runs here
 * one at a time in its own transaction, so the in-memory gallery and the database never see interleaved changes. The
 * gallery is updated only after the commit, through {@link AfterCommit}: a rolled-back change never reaches it.
 */
@ApplicationScoped
public class Writer {
    private final ReentrantLock lock = new ReentrantLock(true);

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

    public <T> T write(Function<AfterCommit, T> work) {
        lock.lock();
        try {
            AfterCommit afterCommit = new AfterCommit();
            T result;
            try {
                result = QuarkusTransaction.requiringNew().call(() -> work.apply(afterCommit));
            } catch (QuarkusTransactionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
            afterCommit.run();
            return result;
        } finally {
            lock.unlock();
        }
    }
}
