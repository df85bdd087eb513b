/** The organization tree: county bodies, section teams and party branches, by tier and sector. */
package org.jingzhun.organization.organization;
