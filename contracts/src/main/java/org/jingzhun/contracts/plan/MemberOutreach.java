package org.jingzhun.contracts.plan;

import java.util.List;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.StudyFormat;

/**
 * Members of a status are reached by these study formats, e.g. mobile members (流动党员) by online
 * study (网络学习): a session in one of these formats counts as those members' study.
 */
public record MemberOutreach(MemberStatus status, List<StudyFormat> formats) {

    public MemberOutreach {
        formats = Lists.copy(formats);
    }
}
