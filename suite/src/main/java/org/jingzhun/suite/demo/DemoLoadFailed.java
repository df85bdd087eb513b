package org.jingzhun.suite.demo;

/**
 * The demo county could not be loaded: a service refused a command for good, or stayed unreachable.
 * Whatever was recorded stays; loading again on the same data resumes where this stopped.
 */
public class DemoLoadFailed extends RuntimeException {

    DemoLoadFailed(String message) {
        super(message);
    }

    DemoLoadFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
