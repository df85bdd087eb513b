package org.jingzhun.organization.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jingzhun.organization.ServiceUnderTest;
import org.junit.jupiter.api.Test;

/**
 * The service's connections send a JDBC batch of INSERTs (Axon's append of a command's or an inbox batch's
 * events) as multi-row INSERTs: pgjdbc's {@code reWriteBatchedInserts}, set by the platform's defaults.
 * Rewritten, a batch reports {@link Statement#SUCCESS_NO_INFO} per row instead of one count per execution (pgjdbc
 * sends rows in blocks of powers of two: four rows are one statement, three would be two and one).
 */
class BatchedInsertsIntegrationTest {

    private static final ServiceUnderTest service = ServiceUnderTest.get();

    @Test
    void aBatchOfInsertsIsSentAsOneMultiRowInsertAndWritesEveryRow() throws Exception {
        try (Connection connection = service.app().getBean(DataSource.class).getConnection()) {
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE TEMPORARY TABLE batched (n INT PRIMARY KEY, text VARCHAR(20))");
            }
            int[] counts;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO batched (n, text) VALUES (?, ?)")) {
                for (int n = 1; n <= 4; n++) {
                    insert.setInt(1, n);
                    insert.setString(2, "row " + n);
                    insert.addBatch();
                }
                counts = insert.executeBatch();
            }
            assertThat(counts).containsOnly(Statement.SUCCESS_NO_INFO).hasSize(4);
            try (Statement read = connection.createStatement();
                 ResultSet rows = read.executeQuery("SELECT string_agg(n || ':' || text, ',' ORDER BY n) FROM batched")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("1:row 1,2:row 2,3:row 3,4:row 4");
            }
            try (Statement drop = connection.createStatement()) {
                drop.execute("DROP TABLE batched");
            }
        }
    }
}
