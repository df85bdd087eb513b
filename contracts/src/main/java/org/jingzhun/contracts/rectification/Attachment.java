package org.jingzhun.contracts.rectification;

/** A reference to a piece of evidence kept elsewhere, with the SHA-256 (hex) of its content. */
public record Attachment(String name, String sha256) {
}
