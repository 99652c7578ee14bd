package io.storesight.sales.persistence;

import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * SQLite has one writer at a time. Two transactions that both read and then write can fail with SQLITE_BUSY when
 * the second tries to upgrade its lock (busy_timeout does not help there), so every write transaction of this
 * service runs under one in-process lock that is held from begin to commit. Reads need no lock (WAL).
 */
@ApplicationScoped
public class WriteTransactions {
    private final ReentrantLock lock = new ReentrantLock(true);

    public <T> T inTransaction(Callable<T> work) {
        lock.lock();
        try {
            return QuarkusTransaction.requiringNew().call(work);
        } finally {
            lock.unlock();
        }
    }

    public void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
