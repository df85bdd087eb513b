package org.jingzhun.reporting.totals;

import jakarta.servlet.http.HttpServletResponse;
import org.jingzhun.reporting.ReaderSubtree;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/totals/stream?campaignId=}: Server-Sent Events, one {@code totals} event per change
 * (coalesced), each the JSON of {@code GET /api/totals} with the SSE {@code id} = {@code eventsProjected};
 * the current totals first. {@code asOf} in each event is the time of the last event it includes.
 */
@RestController
class TotalsStreamController {

    private final TotalsBroadcast broadcast;
    private final ReaderSubtree subtree;

    TotalsStreamController(TotalsBroadcast broadcast, ReaderSubtree subtree) {
        this.broadcast = broadcast;
        this.subtree = subtree;
    }

    @GetMapping(path = "/api/totals/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestParam(required = false) String campaignId, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        // Proxies such as nginx would otherwise buffer the events.
        response.setHeader("X-Accel-Buffering", "no");
        // A secretary's stream counts its subtree only.
        return broadcast.subscribe(campaignId == null || campaignId.isBlank() ? null : campaignId.trim(), subtree.root());
    }
}
