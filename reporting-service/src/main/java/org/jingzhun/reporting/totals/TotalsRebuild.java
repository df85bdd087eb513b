package org.jingzhun.reporting.totals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jingzhun.platform.EventJson;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.platform.projection.Projection;
import org.jingzhun.platform.projection.RebuildableReadModel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The totals in a rebuild of the read models: the totals read model writing into other tables, a
 * comparison of the rebuilt totals with the live ones, and a nudge to the totals stream once the rebuilt
 * tables (their history tables with them) are live.
 */
@Component
class TotalsRebuild implements RebuildableReadModel {

    private final TotalsQuery live;
    private final TotalsBroadcast broadcast;
    private final JingzhunProperties jingzhun;
    private final Clock clock;
    private final ObjectMapper json = EventJson.newMapper();

    TotalsRebuild(TotalsQuery live, TotalsBroadcast broadcast, JingzhunProperties jingzhun, Clock clock) {
        this.live = live;
        this.broadcast = broadcast;
        this.jingzhun = jingzhun;
        this.clock = clock;
    }

    /** The totals projection, leaving its roll-ups out of the rebuild's load until {@link Projection#loaded}. */
    @Override
    public Projection into(JdbcClient target) {
        return new TotalsProjection(target).deferringRollUps();
    }

    /**
     * Where the totals over the rebuilt tables differ from the live ones, county-wide and for every
     * campaign of either: one line per differing field ({@code campaign c: /problems/found live 3, rebuilt 4}).
     */
    @Override
    public List<String> differences(JdbcClient rebuilt, PlatformTransactionManager rebuiltTransactions) {
        TotalsQuery other = new TotalsQuery(rebuilt, rebuiltTransactions, jingzhun, clock);
        List<String> campaigns = new ArrayList<>();
        campaigns.add(null);
        campaigns.addAll(live.campaignIds());
        other.campaignIds().stream().filter(id -> !campaigns.contains(id)).forEach(campaigns::add);
        List<String> differences = new ArrayList<>();
        for (String campaign : campaigns) {
            Totals liveTotals = live.totals(campaign);
            Totals rebuiltTotals = other.totals(campaign);
            if (!liveTotals.equals(rebuiltTotals)) {
                diff(campaign == null ? "county" : "campaign " + campaign, "",
                        json.valueToTree(liveTotals), json.valueToTree(rebuiltTotals), differences);
            }
        }
        return differences;
    }

    private static void diff(String scope, String path, @Nullable JsonNode live, @Nullable JsonNode rebuilt,
                             List<String> out) {
        if (live != null && rebuilt != null && live.isObject() && rebuilt.isObject()) {
            List<String> names = new ArrayList<>();
            live.fieldNames().forEachRemaining(names::add);
            for (Iterator<Map.Entry<String, JsonNode>> it = rebuilt.fields(); it.hasNext(); ) {
                String name = it.next().getKey();
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
            for (String name : names) {
                diff(scope, path + "/" + name, live.get(name), rebuilt.get(name), out);
            }
        } else if (live == null ? rebuilt != null : !live.equals(rebuilt)) {
            out.add(scope + ": " + path + " live " + live + ", rebuilt " + rebuilt);
        }
    }

    /** Tells the totals stream that the tables changed. */
    @Override
    public void resume() {
        broadcast.changed();
    }
}
