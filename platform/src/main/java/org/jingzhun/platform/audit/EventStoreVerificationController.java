package org.jingzhun.platform.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.jingzhun.contracts.audit.ChainVerifier;
import org.jingzhun.contracts.audit.EventStoreChains;
import org.jingzhun.platform.audit.EventStoreVerification.Broken;
import org.jingzhun.platform.audit.EventStoreVerification.Result;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit/event-store/verify}: see {@link EventStoreVerification}. */
@RestController
class EventStoreVerificationController {

    private final DataSource dataSource;

    EventStoreVerificationController(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @GetMapping("/api/audit/event-store/verify")
    Result verify() throws SQLException {
        ChainVerifier chains = new ChainVerifier(false);
        long skipped;
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            skipped = EventStoreChains.check(connection, chains);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        List<Broken> broken = chains.broken().stream().map(b -> new Broken(b.eventId(), b.reason())).toList();
        return new Result(chains.checked(), broken.isEmpty(), broken, skipped);
    }
}
