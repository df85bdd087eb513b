package org.jingzhun.reporting.replay;

import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/replay}: starts a rebuild of every read model (202 with its id; 409 while one
 * runs). {@code GET /api/admin/replay/{id}}: its progress and, at the end, whether the rebuilt totals
 * equalled the live ones.
 */
@RestController
class ReplayController {

    private final Replays replays;

    ReplayController(Replays replays) {
        this.replays = replays;
    }

    @PostMapping("/api/admin/replay")
    ResponseEntity<Map<String, String>> start() {
        String id = replays.start();
        return ResponseEntity.accepted().location(URI.create("/api/admin/replay/" + id)).body(Map.of("id", id));
    }

    @GetMapping("/api/admin/replay/{id}")
    ReplayStatus status(@PathVariable String id) {
        return replays.status(id);
    }
}
