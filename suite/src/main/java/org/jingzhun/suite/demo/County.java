package org.jingzhun.suite.demo;

import java.time.LocalDate;
import java.util.List;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.checklist.StudyNoteKind;

/**
 * The demo county as data: everything the loader will ask the services to record, before any id is
 * known. Organizations, members and problems refer to each other by their index in these lists;
 * {@code activities} has one entry per organization, at its index. Built by {@link CountyGenerator}
 * from a fixed seed, so every load asks for exactly the same.
 */
record County(List<Org> organizations, List<Member> members, List<Activities> activities,
              List<String> specialRectifications, List<Problem> problems) {

    static final String CAMPAIGN_NAME = "第二批“不忘初心、牢记使命”主题教育";
    static final LocalDate STARTS_ON = LocalDate.of(2019, 9, 1);
    static final LocalDate ENDS_ON = LocalDate.of(2019, 12, 31);

    /** @param parent the parent's index, -1 for none */
    record Org(int index, String name, Tier tier, Sector sector, int parent) {
    }

    /** @param branch the index of the branch the member is enrolled in */
    record Member(int index, int branch, MemberField field, MemberOccupation occupation, MemberStatus status,
                  String displayName) {
    }

    /** What one organization does, in the order it is recorded. */
    record Activities(List<Session> sessions, List<Visit> visits, List<Research> research, List<Note> notes,
                      List<Completion> checklist) {
    }

    record Session(LocalDate date, double days, StudyFormat format, List<String> readings, int attendees) {
    }

    record Visit(LocalDate date, int visitors) {
    }

    /**
     * @param author the member's index, -1 for none
     * @param date   {@code null}: the day it is recorded. A member's membership starts when the
     *               organization service enrolled them, so what a member files is dated on loading day.
     */
    record Research(ResearchKind kind, String title, int author, LocalDate date) {
    }

    /** Dated on loading day, for the reason given at {@link Research#date()}. */
    record Note(int member, StudyNoteKind kind) {
    }

    record Completion(ChecklistItem item, LocalDate date, String note) {
    }

    /**
     * A deadline: a fixed day (2019: long past, so the service records the problem overdue), or a day
     * after the anchor — the day the demo county was first loaded, so it is still ahead.
     */
    record Due(LocalDate fixed, int daysAfterAnchor) {

        static Due fixed(LocalDate day) {
            return new Due(day, 0);
        }

        static Due afterAnchor(int days) {
            return new Due(null, days);
        }

        LocalDate on(LocalDate anchor) {
            return fixed != null ? fixed : anchor.plusDays(daysAfterAnchor);
        }

        boolean passed() {
            return fixed != null;
        }
    }

    /** A step in a problem's life after it was logged, each one command of rectification-service. */
    sealed interface Step permits SetMeasures, Rectify, Verify, Reopen, ExtendDeadline {
    }

    record Measure(String description, Due due) {
    }

    record SetMeasures(List<Measure> measures) implements Step {
    }

    record Attachment(String name, String sha256) {
    }

    record Rectify(String evidence, List<Attachment> attachments) implements Step {
    }

    record Verify(String comment) implements Step {
    }

    record Reopen(String reason) implements Step {
    }

    record ExtendDeadline(Due deadline, String reason) implements Step {
    }

    /** @param special the index of its special rectification, -1 for none */
    record Problem(int index, int org, FocusArea focusArea, ProblemSource source, int special, String description,
                   String owner, Due deadline, List<Step> steps) {

        ProblemStatus finalStatus() {
            ProblemStatus status = ProblemStatus.LOGGED;
            for (Step step : steps) {
                if (step instanceof SetMeasures) {
                    status = ProblemStatus.RECTIFYING;
                } else if (step instanceof Rectify) {
                    status = ProblemStatus.RECTIFIED;
                } else if (step instanceof Verify) {
                    status = ProblemStatus.VERIFIED;
                } else if (step instanceof Reopen) {
                    status = ProblemStatus.REOPENED;
                }
            }
            return status;
        }

        Due currentDeadline() {
            Due current = deadline;
            for (Step step : steps) {
                if (step instanceof ExtendDeadline extend) {
                    current = extend.deadline();
                }
            }
            return current;
        }

        /** Whether the service will find it overdue: its deadline has passed and it is not rectified. */
        boolean overdue() {
            return currentDeadline().passed() && !finalStatus().countsAsRectified();
        }
    }

    List<Org> organizationsOf(Tier tier) {
        return organizations.stream().filter(org -> org.tier() == tier).toList();
    }

    /** Commands the loader sends: one per organization, member, fact, special rectification and problem step. */
    int commands() {
        int activityCommands = activities.stream().mapToInt(a -> a.sessions().size() + a.visits().size()
                + a.research().size() + a.notes().size() + a.checklist().size()).sum();
        int problemCommands = problems.stream().mapToInt(p -> 1 + p.steps().size()).sum();
        return 1 + organizations.size() + members.size() + activityCommands + specialRectifications.size()
                + problemCommands;
    }
}
