package org.movetimeline.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * {@code <head> (row), (row), ... <tail>} with every row its own set of parameters, run in chunks of a fixed size:
 * one round trip per chunk rather than per row, and the full-size statement prepared once per call. The tail
 * ends in RETURNING; what each returned row says is collected.
 */
final class MultiRowStatement<T, K> {

    /** Sets one row's parameters from {@code first} on; returns the index after its last. */
    interface Binder<T> {
        int bind(PreparedStatement statement, int first, T row) throws SQLException;
    }

    /** Reads one row of the RETURNING clause. */
    interface Reader<K> {
        K read(ResultSet returned) throws SQLException;
    }

    private final String head;
    private final String row;
    private final String tail;
    private final int rowsPerStatement;
    private final String full;
    private final Binder<T> binder;
    private final Reader<K> reader;

    /** {@code rowsPerStatement} times the parameters of a row must stay within PostgreSQL's 32767. */
    MultiRowStatement(String head, String row, String tail, int rowsPerStatement, Binder<T> binder, Reader<K> reader) {
        this.head = head;
        this.row = row;
        this.tail = tail;
        this.rowsPerStatement = rowsPerStatement;
        this.binder = binder;
        this.reader = reader;
        this.full = sql(rowsPerStatement);
    }

    void execute(Connection connection, List<T> rows, Collection<? super K> into) throws SQLException {
        int from = 0;
        if (rows.size() >= rowsPerStatement) {
            try (PreparedStatement statement = connection.prepareStatement(full)) {
                for (; from + rowsPerStatement <= rows.size(); from += rowsPerStatement) {
                    run(statement, rows.subList(from, from + rowsPerStatement), into);
                }
            }
        }
        if (from < rows.size()) {
            try (PreparedStatement statement = connection.prepareStatement(sql(rows.size() - from))) {
                run(statement, rows.subList(from, rows.size()), into);
            }
        }
    }

    private void run(PreparedStatement statement, List<T> chunk, Collection<? super K> into) throws SQLException {
        int p = 1;
        for (T value : chunk) {
            p = binder.bind(statement, p, value);
        }
        try (ResultSet returned = statement.executeQuery()) {
            while (returned.next()) {
                into.add(reader.read(returned));
            }
        }
    }

    private String sql(int rows) {
        StringBuilder sql = new StringBuilder(head.length() + rows * (row.length() + 2) + tail.length());
        sql.append(head);
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        return sql.append(tail).toString();
    }
}
