/**
 * The fault suite: the embedded suite started piece by piece as child processes (so that each can be
 * killed, stopped or crashed on its own), a load of acknowledged commands, faults, and a checker that
 * proves after each fault that every acknowledged command is stored once, relayed, projected once and
 * counted once.
 */
package org.jingzhun.faults;
