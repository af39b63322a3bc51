package org.movetimeline.store;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;
import org.movetimeline.sentiance.RawMessage;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.movetimeline.store.SqlValues.setTimestamp;

/** Firehose messages other than transports, kept raw; a redelivered message (same bytes) adds nothing. */
@ApplicationScoped
public class SentianceMessageRepository {

    /** Rows per statement: 6 parameters a row, PostgreSQL allows 32767. */
    private static final int ROWS_PER_STATEMENT = 1000;

    private static final MultiRowStatement<RawMessage, String> INSERT = new MultiRowStatement<>(
            "INSERT INTO sentiance_message (app_id, user_id, digest, message_type, message_ts, message, received_at) VALUES ",
            "(?, ?, ?, ?, ?::timestamptz, convert_from(?, 'UTF8')::jsonb, now())",
            " ON CONFLICT (app_id, user_id, digest) DO NOTHING RETURNING digest",
            ROWS_PER_STATEMENT, SentianceMessageRepository::bind, returned -> returned.getString(1));

    /**
     * Must run inside a transaction; received_at is its start.
     *
     * @return how many of the messages were new
     */
    public int insertAll(List<RawMessage> messages) {
        List<String> inserted = new ArrayList<>();
        if (!messages.isEmpty()) {
            Panache.getEntityManager().unwrap(Session.class)
                    .doWork(connection -> INSERT.execute(connection, messages, inserted));
        }
        return inserted.size();
    }

    private static int bind(PreparedStatement s, int p, RawMessage row) throws SQLException {
        s.setString(p++, row.appId());
        s.setString(p++, row.userId());
        s.setString(p++, row.digest());
        s.setString(p++, row.messageType());
        setTimestamp(s, p++, row.messageTs());
        s.setBytes(p++, row.bytes());
        return p;
    }
}
