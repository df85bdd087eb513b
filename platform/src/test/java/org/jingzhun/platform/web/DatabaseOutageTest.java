package org.jingzhun.platform.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.zaxxer.hikari.HikariDataSource;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A database that cannot be reached is a fault of the moment: 503 problem details with Retry-After,
 * not a 500 — whether the connection fails in a query or when a transaction begins.
 */
class DatabaseOutageTest {

    private final HikariDataSource unreachable = unreachableDatabase();
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Commands(unreachable))
            .setControllerAdvice(new ProblemDetailsAdvice()).build();

    @AfterEach
    void close() {
        unreachable.close();
    }

    @Test
    void answers503WhenAQueryCannotGetAConnection() throws Exception {
        mvc.perform(post("/query").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("unavailable"));
    }

    @Test
    void answers503WhenATransactionCannotBegin() throws Exception {
        mvc.perform(post("/transaction").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.code").value("unavailable"));
    }

    @RestController
    static class Commands {
        private final JdbcClient jdbc;
        private final TransactionTemplate transactions;

        Commands(HikariDataSource dataSource) {
            this.jdbc = JdbcClient.create(dataSource);
            this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        }

        @PostMapping("/query")
        long query() {
            return jdbc.sql("SELECT 1").query(Long.class).single();
        }

        @PostMapping("/transaction")
        long transaction() {
            return transactions.execute(status -> 1L);
        }
    }

    /** A pool whose PostgreSQL is down: a port nobody listens on. */
    private static HikariDataSource unreachableDatabase() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:postgresql://localhost:" + port + "/down");
        dataSource.setUsername("nobody");
        dataSource.setConnectionTimeout(500);
        dataSource.setInitializationFailTimeout(-1);
        return dataSource;
    }
}
