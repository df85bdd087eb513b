package org.jingzhun.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The password of the user {@code admin}: {@code JINGZHUN_ADMIN_PASSWORD} when set; otherwise the
 * one kept in the data directory; otherwise a new random one, kept there (readable by its owner only).
 * The password itself is never printed: consoles are captured into logs, the file is enough.
 */
final class AdminPassword {

    static final String ENV = "JINGZHUN_ADMIN_PASSWORD";
    static final String FILE = "admin-password";

    private AdminPassword() {
    }

    static String resolve(Path dataDir, String fromEnvironment) throws IOException {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(dataDir);
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file keeps the directory's permissions
        }
        System.out.println("""
                ============================================================
                 Generated a password for user 'admin', kept in %s
                 (set %s to choose your own)
                ============================================================""".formatted(file, ENV));
        return password;
    }
}
