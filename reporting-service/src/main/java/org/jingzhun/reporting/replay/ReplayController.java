package org.jingzhun.reporting.replay;

import java.net.URI;
import java.util.Map;
import org.jingzhun.platform.security.Caller;
import org.jingzhun.platform.security.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/replay} {@code {"mode": "REBUILD"}} (the default; county administrators):
 * rebuilds every read model and swaps the rebuilt tables in. {@code {"mode": "VERIFY"}} (auditors too):
 * rebuilds and compares, never swaps. 202 with its id; 409 while one runs. {@code GET
 * /api/admin/replay/{id}}: its progress and, at the end, whether the rebuilt totals equalled the live ones;
 * {@code GET /api/admin/replay}: the same of the latest one (204 when none ran since the start), which the
 * dashboard shows as a progress bar.
 */
@RestController
class ReplayController {

    /** What a replay does with the tables it rebuilt. */
    enum Mode {
        /** Swap them in. */
        REBUILD,
        /** Compare them with the live ones, then drop them. */
        VERIFY
    }

    record ReplayRequest(Mode mode) {
    }

    private final Replays replays;

    ReplayController(Replays replays) {
        this.replays = replays;
    }

    @PostMapping("/api/admin/replay")
    ResponseEntity<Map<String, String>> start(@RequestBody(required = false) ReplayRequest request) {
        Mode mode = request == null || request.mode() == null ? Mode.REBUILD : request.mode();
        // The endpoint is open to auditors (see the access rules); replacing the live tables is not.
        if (mode == Mode.REBUILD && Caller.current().map(Caller::role).orElse(null) != Role.COUNTY_ADMIN) {
            throw new AccessDeniedException("Only a county administrator may rebuild; ask for {\"mode\":\"VERIFY\"}");
        }
        String id = replays.start(mode == Mode.REBUILD);
        return ResponseEntity.accepted().location(URI.create("/api/admin/replay/" + id))
                .body(Map.of("id", id, "mode", mode.name()));
    }

    @GetMapping("/api/admin/replay")
    ResponseEntity<ReplayStatus> latest() {
        return replays.latest().map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
    }

    @GetMapping("/api/admin/replay/{id}")
    ReplayStatus status(@PathVariable String id) {
        return replays.status(id);
    }
}
