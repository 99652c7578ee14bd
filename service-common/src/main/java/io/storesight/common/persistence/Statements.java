package io.storesight.common.persistence;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

import org.sqlite.SQLiteConnection;

/**
 * Prepared statements kept per physical SQLite connection. Ingest runs a few dozen statements per event and the
 * pool hands out fresh handles each time, so compiling the SQL again dominated ingest time; the pool reuses the same
 * few physical connections, so the compiled statements are reused. Closing the returned handle keeps the statement.
 */
final class Statements {
    private static final Map<Connection, Map<String, PreparedStatement>> CACHE =
            Collections.synchronizedMap(new WeakHashMap<>());

    static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        Connection physical = connection.isWrapperFor(SQLiteConnection.class)
                ? connection.unwrap(SQLiteConnection.class)
                : connection;
        Map<String, PreparedStatement> statements = CACHE.computeIfAbsent(physical, c -> new HashMap<>());
        PreparedStatement statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = physical.prepareStatement(sql);
            statements.put(sql, statement);
        }
        PreparedStatement cached = statement;
        return (PreparedStatement) Proxy.newProxyInstance(
                Statements.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        cached.clearParameters();
                        cached.clearBatch();
                        return null;
                    }
                    try {
                        return method.invoke(cached, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private Statements() {}
}
