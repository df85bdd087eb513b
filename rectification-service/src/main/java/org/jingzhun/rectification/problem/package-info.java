/** A problem and its rectification lifecycle: LOGGED → RECTIFYING → RECTIFIED → VERIFIED or REOPENED. */
package org.jingzhun.rectification.problem;
