package dev.easel.server.generation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** How a row of {@code jobs} maps to a {@link Job} (without its images), for the repositories that read jobs. */
final class JobRows {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String COLUMNS = "id, owner_id, state, request_json, request_key, seed, created_at,"
            + " started_at, finished_at, error, batch_sizes, node, attempt, claim_token";

    private JobRows() {}

    static Job row(ResultSet rs, int rowNum) throws SQLException {
        return new Job(
                rs.getString("id"),
                rs.getLong("owner_id"),
                JobState.valueOf(rs.getString("state")),
                JSON.readValue(rs.getString("request_json"), JobRequest.class),
                rs.getString("request_key"),
                rs.getLong("seed"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")),
                rs.getString("error"),
                rs.getString("batch_sizes"),
                List.of(),
                rs.getString("node"),
                rs.getInt("attempt"),
                claimToken(rs));
    }

    private static Long claimToken(ResultSet rs) throws SQLException {
        long token = rs.getLong("claim_token");
        return rs.wasNull() ? null : token;
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
