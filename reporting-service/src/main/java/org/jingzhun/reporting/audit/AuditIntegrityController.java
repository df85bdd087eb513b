package org.jingzhun.reporting.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jingzhun.contracts.audit.Checkpoint;
import org.jingzhun.platform.security.SecurityConfiguration;
import org.jingzhun.platform.web.ProblemDetailsAdvice;
import org.jingzhun.platform.web.RequestParameters;
import org.jingzhun.platform.web.RuleViolation;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tamper evidence of the audit trail: signed checkpoints ({@code GET}/{@code POST /api/audit/checkpoints}),
 * inclusion proofs ({@code GET /api/audit/proof?eventId=}), the signing key ({@code GET /api/audit/key}) and
 * a verification of the trail against the topics ({@code GET /api/audit/verify?from=&to=}).
 */
@RestController
@EnableConfigurationProperties(AuditSettings.class)
class AuditIntegrityController {

    private static final String COUNTY_ADMIN_AUTHORITY = "ROLE_" + SecurityConfiguration.COUNTY_ADMIN;

    private final AuditCheckpoints checkpoints;
    private final AuditVerification verification;
    private final SigningKey key;

    AuditIntegrityController(AuditCheckpoints checkpoints, AuditVerification verification, SigningKey key) {
        this.checkpoints = checkpoints;
        this.verification = verification;
        this.key = key;
    }

    /** A checkpoint as served: {@code at} as an ISO-8601 instant. */
    record CheckpointView(long position, long events, String root, String signature, String at) {
        static CheckpointView of(Checkpoint checkpoint) {
            return new CheckpointView(checkpoint.position(), checkpoint.events(), checkpoint.root(),
                    checkpoint.signature(), checkpoint.at().toString());
        }
    }

    @GetMapping("/api/audit/checkpoints")
    List<CheckpointView> checkpoints() {
        return checkpoints.all().stream().map(CheckpointView::of).toList();
    }

    /** Makes a checkpoint now (county administrators); answers the one that covers everything recorded. */
    @PostMapping("/api/audit/checkpoints")
    ResponseEntity<Object> checkpoint() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || user.getAuthorities().stream().noneMatch(a -> COUNTY_ADMIN_AUTHORITY.equals(a.getAuthority()))) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemDetailsAdvice.problem(HttpStatus.FORBIDDEN, "audit.checkpoint-forbidden",
                            "Only a county administrator (" + SecurityConfiguration.COUNTY_ADMIN
                                    + ") may make a checkpoint", List.of()));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(CheckpointView.of(checkpoints.make()));
    }

    record ProofView(String eventId, String hash, long position, long leafIndex, long treeSize, List<String> path,
                     CheckpointView checkpoint, boolean verified) {
    }

    @GetMapping("/api/audit/proof")
    ProofView proof(@RequestParam(required = false) String eventId) {
        if (eventId == null || eventId.isBlank()) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", "eventId", "must be given");
        }
        AuditCheckpoints.InclusionProof proof = checkpoints.proof(eventId.strip());
        return new ProofView(proof.eventId(), proof.hash(), proof.position(), proof.leafIndex(), proof.treeSize(),
                proof.path(), CheckpointView.of(proof.checkpoint()), proof.verified());
    }

    @GetMapping("/api/audit/key")
    Map<String, String> key() {
        String publicKey = key.publicKey();
        StringBuilder pem = new StringBuilder("-----BEGIN PUBLIC KEY-----\n");
        for (int i = 0; i < publicKey.length(); i += 64) {
            pem.append(publicKey, i, Math.min(publicKey.length(), i + 64)).append('\n');
        }
        pem.append("-----END PUBLIC KEY-----\n");
        return Map.of("algorithm", Checkpoint.ALGORITHM, "publicKey", publicKey, "pem", pem.toString());
    }

    record VerifyView(long eventsChecked, boolean valid, List<BrokenView> broken) {
    }

    record BrokenView(String eventId, String reason) {
    }

    @GetMapping("/api/audit/verify")
    VerifyView verify(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        OffsetDateTime start = RequestParameters.offsetDateTime("from", from);
        OffsetDateTime end = RequestParameters.offsetDateTime("to", to);
        if (start != null && end != null && end.isBefore(start)) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", "to", "must not be before from");
        }
        AuditVerification.Result result = verification.verify(start, end);
        return new VerifyView(result.eventsChecked(), result.valid(),
                result.broken().stream().map(b -> new BrokenView(b.eventId(), b.reason())).toList());
    }
}
