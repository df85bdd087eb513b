package org.jingzhun.contracts.checklist;

/** How a member showed their study process (学习过程留痕): the kinds of a {@link StudyNoteRecorded}. */
public enum StudyNoteKind {
    /** 学习笔记 */
    NOTES,
    /** 心得随笔 */
    REFLECTION,
    /** 圈阅批注 */
    ANNOTATION
}
