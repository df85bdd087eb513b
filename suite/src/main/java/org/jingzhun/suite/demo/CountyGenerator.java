package org.jingzhun.suite.demo;

import static org.jingzhun.suite.demo.CountyText.CHINESE_NUMBERS;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.checklist.StudyNoteKind;
import org.jingzhun.suite.demo.County.Activities;
import org.jingzhun.suite.demo.County.Attachment;
import org.jingzhun.suite.demo.County.Completion;
import org.jingzhun.suite.demo.County.Due;
import org.jingzhun.suite.demo.County.ExtendDeadline;
import org.jingzhun.suite.demo.County.Measure;
import org.jingzhun.suite.demo.County.Member;
import org.jingzhun.suite.demo.County.Note;
import org.jingzhun.suite.demo.County.Org;
import org.jingzhun.suite.demo.County.Problem;
import org.jingzhun.suite.demo.County.Rectify;
import org.jingzhun.suite.demo.County.Reopen;
import org.jingzhun.suite.demo.County.Research;
import org.jingzhun.suite.demo.County.Session;
import org.jingzhun.suite.demo.County.SetMeasures;
import org.jingzhun.suite.demo.County.Step;
import org.jingzhun.suite.demo.County.Verify;
import org.jingzhun.suite.demo.County.Visit;

/**
 * Builds the source document's county (湄潭县, report of 2019-09-27) from a fixed seed. The reference
 * figures are exact by construction; the rest (names, sizes, dates, who is behind) is drawn at random,
 * each part from its own {@link Random} so that changing one part does not reshuffle the others.
 */
final class CountyGenerator {

    static final long SEED = 20_190_927L;

    static final int MEMBERS = 15_000;
    static final int HONOR_ROOM_PERSON_VISITS = 1_630;
    static final int PROBLEMS = 178;
    static final int RECTIFIED = 157;
    static final int OVERDUE = 4;

    private static final Map<Sector, Integer> MEMBERS_PER_BRANCH = new EnumMap<>(Map.of(Sector.VILLAGE, 52,
            Sector.ORGAN, 24, Sector.EDUCATION, 27, Sector.HEALTH, 28, Sector.STATE_OWNED, 24, Sector.NON_PUBLIC, 11));

    private final long seed;
    private final List<Org> organizations = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private final List<List<Session>> sessions = new ArrayList<>();
    private final List<List<Visit>> visits = new ArrayList<>();
    private final List<List<Research>> research = new ArrayList<>();
    private final List<List<Note>> notes = new ArrayList<>();
    private final List<List<Completion>> checklist = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    /** Each branch's members, by index. */
    private final Map<Integer, List<Member>> membersOf = new HashMap<>();

    private CountyGenerator(long seed) {
        this.seed = seed;
    }

    static County generate() {
        return generate(SEED);
    }

    static County generate(long seed) {
        return new CountyGenerator(seed).county();
    }

    private County county() {
        organizations();
        for (int i = 0; i < organizations.size(); i++) {
            sessions.add(new ArrayList<>());
            visits.add(new ArrayList<>());
            research.add(new ArrayList<>());
            notes.add(new ArrayList<>());
            checklist.add(new ArrayList<>());
        }
        members();
        countyStudy();
        sectionStudy();
        branchStudy();
        notes();
        honorRoom();
        research();
        checklist();
        problems();
        List<Activities> activities = IntStream.range(0, organizations.size())
                .mapToObj(i -> new Activities(List.copyOf(sessions.get(i)), List.copyOf(visits.get(i)),
                        List.copyOf(research.get(i)), List.copyOf(notes.get(i)), List.copyOf(checklist.get(i))))
                .toList();
        return new County(List.copyOf(organizations), List.copyOf(members), activities,
                CountyText.SPECIAL_RECTIFICATIONS, List.copyOf(problems));
    }

    private Random random(int part) {
        return new Random(seed * 31 + part);
    }

    // ---- organizations: 4 county bodies, 88 section teams, 441 branches ----

    private int add(String name, Tier tier, Sector sector, int parent) {
        Org org = new Org(organizations.size(), name, tier, sector, parent);
        organizations.add(org);
        return org.index();
    }

    private void organizations() {
        Random random = random(1);
        for (String body : CountyText.COUNTY_BODIES) {
            add(body, Tier.COUNTY, Sector.COUNTY_LEADERSHIP, -1);
        }
        int committee = 0;
        int government = 1;
        int congress = 2;
        int conference = 3;

        List<Integer> towns = new ArrayList<>();
        for (String town : CountyText.TOWNS) {
            towns.add(add(town + (town.endsWith("街道") ? "党工委" : "党委"), Tier.SECTION, Sector.TOWNSHIP, committee));
        }
        List<Integer> organs = new ArrayList<>();
        CountyText.ORGANS_UNDER_PARTY_COMMITTEE.forEach(
                name -> organs.add(add(name + "领导班子", Tier.SECTION, Sector.ORGAN, committee)));
        CountyText.ORGANS_UNDER_GOVERNMENT.forEach(
                name -> organs.add(add(name + "领导班子", Tier.SECTION, Sector.ORGAN, government)));
        organs.add(add(CountyText.ORGAN_UNDER_CONGRESS + "领导班子", Tier.SECTION, Sector.ORGAN, congress));
        organs.add(add(CountyText.ORGAN_UNDER_CONFERENCE + "领导班子", Tier.SECTION, Sector.ORGAN, conference));
        List<Integer> schools = new ArrayList<>();
        CountyText.SCHOOLS.forEach(
                name -> schools.add(add(name + "领导班子", Tier.SECTION, Sector.EDUCATION, government)));
        List<Integer> hospitals = new ArrayList<>();
        CountyText.HOSPITALS.forEach(
                name -> hospitals.add(add(name + "领导班子", Tier.SECTION, Sector.HEALTH, government)));
        List<Integer> enterprises = new ArrayList<>();
        CountyText.STATE_ENTERPRISES.forEach(
                name -> enterprises.add(add(name + "领导班子", Tier.SECTION, Sector.STATE_OWNED, government)));
        List<Integer> nonPublic = new ArrayList<>();
        CountyText.NON_PUBLIC_COMMITTEES.forEach(
                name -> nonPublic.add(add(name, Tier.SECTION, Sector.NON_PUBLIC, committee)));

        // Village and community branches under the towns and streets: 140, ten under each of the first five.
        List<String> places = new ArrayList<>();
        for (String first : CountyText.PLACE_FIRST) {
            for (String second : CountyText.PLACE_SECOND) {
                places.add(first + second);
            }
        }
        Collections.shuffle(places, random);
        int place = 0;
        for (int t = 0; t < towns.size(); t++) {
            boolean street = CountyText.TOWNS.get(t).endsWith("街道");
            for (int v = 0; v < (t < 5 ? 10 : 9); v++) {
                String kind = street && v % 2 == 0 ? "社区" : "村";
                add(places.get(place++) + kind + "党支部", Tier.BRANCH, Sector.VILLAGE, towns.get(t));
            }
        }
        // Organ branches: three per organ, a fourth in every fourth: 150.
        List<String> organBranches = List.of("机关第一党支部", "机关第二党支部", "离退休干部党支部", "机关第三党支部");
        for (int o = 0; o < organs.size(); o++) {
            String base = baseName(organs.get(o));
            for (int b = 0; b < (o % 4 == 0 ? 4 : 3); b++) {
                add(base + organBranches.get(b), Tier.BRANCH, Sector.ORGAN, organs.get(o));
            }
        }
        // Education: a central school in every town under the bureau, then 55 among the eight schools: 70.
        for (String town : CountyText.TOWNS) {
            add(town + "中心学校党支部", Tier.BRANCH, Sector.EDUCATION, schools.get(0));
        }
        for (int s = 1; s < schools.size(); s++) {
            String base = baseName(schools.get(s));
            int count = s < schools.size() - 1 ? 7 : 6;
            for (int b = 0; b < count; b++) {
                String name = b == count - 1 ? "离退休教师党支部" : "第" + CHINESE_NUMBERS.get(b) + "党支部";
                add(base + name, Tier.BRANCH, Sector.EDUCATION, schools.get(s));
            }
        }
        // Health: a health centre in every town under the bureau, then the hospitals' own: 36.
        for (String town : CountyText.TOWNS) {
            String centre = town.endsWith("街道") ? "社区卫生服务中心党支部" : "卫生院党支部";
            add(town + centre, Tier.BRANCH, Sector.HEALTH, hospitals.get(0));
        }
        for (int h = 1; h < hospitals.size(); h++) {
            String base = baseName(hospitals.get(h));
            int count = CountyText.HOSPITAL_BRANCHES.get(h - 1);
            for (int b = 0; b < count; b++) {
                String name = count == 1 ? "党支部"
                        : h == 1 ? CountyText.HOSPITAL_DEPARTMENTS.get(b) + "党支部"
                        : "第" + CHINESE_NUMBERS.get(b) + "党支部";
                add(base + name, Tier.BRANCH, Sector.HEALTH, hospitals.get(h));
            }
        }
        // State-owned enterprises: three branches each: 15.
        for (int enterprise : enterprises) {
            String base = baseName(enterprise).replace("有限责任公司", "公司").replace("有限公司", "公司");
            for (int b = 0; b < 3; b++) {
                add(base + "第" + CHINESE_NUMBERS.get(b) + "党支部", Tier.BRANCH, Sector.STATE_OWNED, enterprise);
            }
        }
        // Non-public enterprises and social organizations: six under each committee: 30.
        List<String> words = new ArrayList<>(CountyText.COMPANY_WORDS);
        Collections.shuffle(words, random);
        int word = 0;
        for (int n = 0; n < nonPublic.size(); n++) {
            for (int b = 0; b < 6; b++) {
                String name = n == 1 ? CountyText.SOCIAL_ORGANIZATIONS.get(b) + "党支部"
                        : "贵州湄潭" + words.get(word++) + pick(random, CountyText.COMPANY_TRADES) + "有限公司党支部";
                add(name, Tier.BRANCH, Sector.NON_PUBLIC, nonPublic.get(n));
            }
        }
    }

    private String baseName(int org) {
        return organizations.get(org).name().replace("领导班子", "");
    }

    // ---- members: 15,000, varied by field, occupation and status ----

    private void members() {
        Random random = random(2);
        List<Org> branches = branches();
        double[] weights = new double[branches.size()];
        double total = 0;
        for (int b = 0; b < branches.size(); b++) {
            weights[b] = MEMBERS_PER_BRANCH.get(branches.get(b).sector()) * (0.6 + 0.8 * random.nextDouble());
            total += weights[b];
        }
        int[] sizes = new int[branches.size()];
        double[] remainders = new double[branches.size()];
        int assigned = 0;
        for (int b = 0; b < branches.size(); b++) {
            double exact = MEMBERS * weights[b] / total;
            sizes[b] = (int) exact;
            remainders[b] = exact - sizes[b];
            assigned += sizes[b];
        }
        // Largest remainders first: the sizes add up to exactly 15,000.
        List<Integer> byRemainder = IntStream.range(0, branches.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer b) -> -remainders[b]).thenComparing(b -> b)).toList();
        for (int i = 0; i < MEMBERS - assigned; i++) {
            sizes[byRemainder.get(i)]++;
        }
        for (int b = 0; b < branches.size(); b++) {
            Org branch = branches.get(b);
            for (int m = 0; m < sizes[b]; m++) {
                Member member = new Member(members.size(), branch.index(), field(branch.sector(), random),
                        occupation(branch.sector(), random), status(branch.sector(), random), personName(random));
                members.add(member);
                membersOf.computeIfAbsent(branch.index(), k -> new ArrayList<>()).add(member);
            }
        }
    }

    private static MemberField field(Sector sector, Random random) {
        return switch (sector) {
            case VILLAGE -> random.nextInt(100) < 96 ? MemberField.RURAL : MemberField.OTHER;
            case STATE_OWNED -> MemberField.ENTERPRISE;
            case NON_PUBLIC -> random.nextInt(100) < 70 ? MemberField.ENTERPRISE : MemberField.OTHER;
            default -> MemberField.ORGAN_INSTITUTION;
        };
    }

    private static MemberOccupation occupation(Sector sector, Random random) {
        int r = random.nextInt(100);
        return switch (sector) {
            case VILLAGE -> r < 78 ? MemberOccupation.NO_POST : r < 97 ? MemberOccupation.OTHER
                    : MemberOccupation.PUBLIC_SERVANT;
            case ORGAN -> r < 85 ? MemberOccupation.PUBLIC_SERVANT : r < 90 ? MemberOccupation.OTHER
                    : MemberOccupation.NO_POST;
            case EDUCATION, HEALTH -> r < 80 ? MemberOccupation.PUBLIC_SERVANT : r < 95 ? MemberOccupation.OTHER
                    : MemberOccupation.NO_POST;
            case STATE_OWNED -> r < 85 ? MemberOccupation.OTHER : r < 90 ? MemberOccupation.PUBLIC_SERVANT
                    : MemberOccupation.NO_POST;
            default -> r < 70 ? MemberOccupation.OTHER : MemberOccupation.NO_POST;
        };
    }

    private static MemberStatus status(Sector sector, Random random) {
        int r = random.nextInt(100);
        int mobile = switch (sector) {
            case VILLAGE -> 22;
            case NON_PUBLIC -> 20;
            case STATE_OWNED -> 5;
            default -> 2;
        };
        int elderly = sector == Sector.VILLAGE ? 18 : 8;
        return r < mobile ? MemberStatus.MOBILE : r < mobile + elderly ? MemberStatus.ELDERLY_INFIRM
                : MemberStatus.REGULAR;
    }

    private static String personName(Random random) {
        String name = pick(random, CountyText.SURNAMES) + pick(random, CountyText.GIVEN_NAME_CHARACTERS);
        return random.nextInt(100) < 70 ? name + pick(random, CountyText.GIVEN_NAME_CHARACTERS) : name;
    }

    // ---- study ----

    /** Tier 1: five consecutive days in September 2019, but for the county CPPCC's group (政协党组). */
    private void countyStudy() {
        List<String> readings = List.of(CountyText.EXCERPTS, CountyText.OUTLINE, CountyText.PARTY_CONSTITUTION);
        int[] septemberStart = {16, 9, 23};
        for (int body = 0; body < 4; body++) {
            int leaders = CountyText.COUNTY_LEADERS.get(body);
            List<Session> list = sessions.get(body);
            if (body < 3) {
                list.add(concentrated(LocalDate.of(2019, 9, septemberStart[body]), 5, readings, leaders));
            } else {
                // Left behind: five days in September, but not in a row.
                list.add(concentrated(LocalDate.of(2019, 9, 10), 2, readings, leaders));
                list.add(concentrated(LocalDate.of(2019, 9, 24), 3, readings, leaders));
            }
            list.add(concentrated(LocalDate.of(2019, 10, 14 + body), 1, readings, leaders));
            list.add(concentrated(LocalDate.of(2019, 11, 11 + body), 1, readings, leaders));
        }
    }

    private enum Behind { NO, NO_DECEMBER, ONE_DAY_IN_NOVEMBER, FIVE_DAYS_IN_ALL }

    /** Tier 2: at least 6 days and at least 2 every month; eleven teams fall short. */
    private void sectionStudy() {
        Random random = random(3);
        List<Org> teams = organizationsOf(Tier.SECTION);
        List<Org> shuffled = new ArrayList<>(teams);
        Collections.shuffle(shuffled, random);
        Map<Integer, Behind> behind = new HashMap<>();
        for (int i = 0; i < 11; i++) {
            behind.put(shuffled.get(i).index(), i < 4 ? Behind.NO_DECEMBER : i < 8 ? Behind.ONE_DAY_IN_NOVEMBER
                    : Behind.FIVE_DAYS_IN_ALL);
        }
        for (Org team : teams) {
            Behind kind = behind.getOrDefault(team.index(), Behind.NO);
            List<String> readings = new ArrayList<>(List.of(CountyText.EXCERPTS));
            readings.addAll(CountyText.sectorReadings(team.sector()));
            int attendees = 5 + random.nextInt(8);
            for (int month = 9; month <= 12; month++) {
                YearMonth yearMonth = YearMonth.of(2019, month);
                List<Double> days;
                if (kind == Behind.NO_DECEMBER && month == 12) {
                    days = List.of();
                } else if (kind == Behind.ONE_DAY_IN_NOVEMBER && month == 11) {
                    days = List.of(1.0);
                } else if (kind == Behind.FIVE_DAYS_IN_ALL) {
                    days = List.of(month == 9 ? 2.0 : 1.0);
                } else {
                    int pattern = random.nextInt(20);
                    days = pattern < 12 ? List.of(2.0) : pattern < 17 ? List.of(1.0, 1.0) : List.of(1.5, 1.0);
                }
                for (int s = 0; s < days.size(); s++) {
                    int day = s == 0 ? 3 + random.nextInt(9) : 16 + random.nextInt(9);
                    List<String> sessionReadings = random.nextInt(3) == 0
                            ? append(readings, CountyText.OUTLINE) : readings;
                    sessions.get(team.index()).add(concentrated(yearMonth.atDay(day), days.get(s), sessionReadings,
                            Math.max(3, attendees - random.nextInt(3))));
                }
            }
        }
    }

    /** Branches: 三会一课, 主题党日, online study for the mobile, study delivered to the elderly's door. */
    private void branchStudy() {
        Random random = random(4);
        for (Org branch : branches()) {
            List<Member> own = membersOf.get(branch.index());
            if (random.nextInt(25) == 0) {
                continue; // not started yet
            }
            List<String> readings = new ArrayList<>(List.of(CountyText.EXCERPTS, CountyText.BRANCH_REGULATIONS));
            CountyText.sectorReadings(branch.sector()).stream().filter(r -> !readings.contains(r))
                    .forEach(readings::add);
            List<Session> list = sessions.get(branch.index());
            int meetings = 1 + random.nextInt(2);
            for (int m = 0; m < meetings; m++) {
                list.add(new Session(LocalDate.of(2019, 9 + m, 10 + random.nextInt(18)), 0.5,
                        StudyFormat.THREE_MEETINGS_ONE_LESSON, readings, attendance(own.size(), random)));
            }
            list.add(new Session(LocalDate.of(2019, 10 + random.nextInt(2), 1 + random.nextInt(10)), 1.0,
                    StudyFormat.THEMED_PARTY_DAY, readings, attendance(own.size(), random)));
            long mobile = own.stream().filter(m -> m.status() == MemberStatus.MOBILE).count();
            if (mobile >= 2 && random.nextInt(10) < 7) {
                list.add(new Session(LocalDate.of(2019, 10, 1 + random.nextInt(30)), 0.5, StudyFormat.ONLINE,
                        List.of(CountyText.EXCERPTS), (int) mobile));
            }
            long elderly = own.stream().filter(m -> m.status() == MemberStatus.ELDERLY_INFIRM).count();
            if (elderly >= 2 && random.nextInt(10) < 6) {
                list.add(new Session(LocalDate.of(2019, 11, 1 + random.nextInt(29)), 0.5,
                        StudyFormat.DELIVERED_TO_DOOR, List.of(CountyText.EXCERPTS), (int) elderly));
            }
            if (random.nextInt(10) == 0) {
                list.add(new Session(LocalDate.of(2019, 11, 1 + random.nextInt(29)), 1.0, StudyFormat.CASE_TEACHING,
                        readings, attendance(own.size(), random)));
            }
        }
    }

    private static int attendance(int members, Random random) {
        return Math.max(1, (int) Math.round(members * (0.7 + 0.25 * random.nextDouble())));
    }

    private static Session concentrated(LocalDate date, double days, List<String> readings, int attendees) {
        return new Session(date, days, StudyFormat.CONCENTRATED, readings, attendees);
    }

    /** Public-servant members show their study: notes, reflections, annotations. */
    private void notes() {
        Random random = random(5);
        StudyNoteKind[] kinds = StudyNoteKind.values();
        for (Member member : members) {
            if (member.occupation() != MemberOccupation.PUBLIC_SERVANT || random.nextInt(100) >= 22) {
                continue;
            }
            int r = random.nextInt(10);
            StudyNoteKind kind = r < 5 ? StudyNoteKind.NOTES : r < 8 ? StudyNoteKind.REFLECTION : StudyNoteKind.ANNOTATION;
            notes.get(member.branch()).add(new Note(member.index(), kind));
            if (random.nextInt(100) < 15) {
                notes.get(member.branch()).add(new Note(member.index(), kinds[(kind.ordinal() + 1) % kinds.length]));
            }
        }
    }

    /** 66 units (4 county bodies, 26 teams, 36 branches) and exactly 1,630 person-visits by 2019-09-26. */
    private void honorRoom() {
        Random random = random(6);
        List<Org> units = new ArrayList<>(organizationsOf(Tier.COUNTY));
        units.addAll(sample(organizationsOf(Tier.SECTION), 26, random));
        units.addAll(sample(branches(), 36, random));
        List<int[]> all = new ArrayList<>(); // {org, day of September, visitors}
        for (Org unit : units) {
            int times = unit.tier() == Tier.SECTION && random.nextInt(5) == 0 ? 2 : 1;
            for (int t = 0; t < times; t++) {
                int visitors = switch (unit.tier()) {
                    case COUNTY -> 12 + random.nextInt(14);
                    case SECTION -> 8 + random.nextInt(23);
                    case BRANCH -> 10 + random.nextInt(31);
                };
                all.add(new int[] {unit.index(), 3 + random.nextInt(24), visitors});
            }
        }
        int difference = HONOR_ROOM_PERSON_VISITS - all.stream().mapToInt(v -> v[2]).sum();
        for (int i = 0; difference != 0; i = (i + 1) % all.size()) {
            int step = Integer.signum(difference);
            if (all.get(i)[2] + step >= 5) {
                all.get(i)[2] += step;
                difference -= step;
            }
        }
        for (int[] visit : all) {
            visits.get(visit[0]).add(new Visit(LocalDate.of(2019, 9, visit[1]), visit[2]));
        }
    }

    // ---- research ----

    private void research() {
        Random random = random(7);
        List<String> topics = new ArrayList<>(CountyText.COUNTY_RESEARCH_TOPICS);
        Collections.shuffle(topics, random);
        int topic = 0;
        for (int body = 0; body < 4; body++) {
            for (int leader = 0; leader < CountyText.COUNTY_LEADERS.get(body); leader++) {
                research.get(body).add(new Research(ResearchKind.RESEARCH_REPORT,
                        "关于" + topics.get(topic++) + "的调研报告", -1, researchDay(random)));
            }
        }
        List<Org> teams = organizationsOf(Tier.SECTION);
        List<Org> without = sample(teams, 6, random);
        for (Org team : teams) {
            if (without.contains(team)) {
                continue;
            }
            List<String> own = CountyText.sectionResearchTopics(team.sector());
            int briefs = random.nextInt(100) < 35 ? 2 : 1;
            for (int b = 0; b < briefs; b++) {
                research.get(team.index()).add(new Research(ResearchKind.PROBLEM_BRIEF,
                        "关于" + pick(random, own) + "方面存在问题及建议的调研信息", -1, researchDay(random)));
            }
            if (random.nextInt(100) < 12) {
                research.get(team.index()).add(new Research(ResearchKind.RESEARCH_REPORT,
                        "关于" + pick(random, own) + "的调研报告", -1, researchDay(random)));
            }
        }
        for (Org branch : branches()) {
            if (random.nextInt(100) >= 55) {
                continue;
            }
            List<Member> own = membersOf.get(branch.index());
            int ideas = random.nextInt(5) == 0 ? 2 : 1;
            for (int i = 0; i < ideas; i++) {
                research.get(branch.index()).add(new Research(ResearchKind.GOLDEN_IDEA,
                        "建议" + pick(random, CountyText.GOLDEN_IDEAS), pick(random, own).index(), null));
            }
        }
    }

    private static LocalDate researchDay(Random random) {
        return LocalDate.of(2019, 10, 8).plusDays(random.nextInt(53));
    }

    // ---- the ten ones ----

    /** Most branches do most items in order; about three in ten all ten; about one in five are behind. */
    private void checklist() {
        Random random = random(8);
        ChecklistItem[] items = ChecklistItem.values();
        for (Org branch : branches()) {
            int r = random.nextInt(100);
            boolean studied = !sessions.get(branch.index()).isEmpty();
            int done = !studied ? 2 + random.nextInt(2) : r < 30 ? 10 : r < 80 ? 7 + random.nextInt(3)
                    : 2 + random.nextInt(5);
            List<Completion> list = checklist.get(branch.index());
            for (int i = 0; i < done; i++) {
                ChecklistItem item = items[i];
                list.add(new Completion(item, itemDay(item, random), CountyText.CHECKLIST_NOTES.get(item)));
                boolean again = item == ChecklistItem.EXPERIENCE_EXCHANGE && random.nextInt(100) < 30
                        || item == ChecklistItem.VOLUNTEER_SERVICE && random.nextInt(100) < 35;
                if (again) {
                    list.add(new Completion(item, LocalDate.of(2019, 12, 1 + random.nextInt(20)),
                            CountyText.CHECKLIST_NOTES.get(item)));
                }
            }
        }
    }

    private static LocalDate itemDay(ChecklistItem item, Random random) {
        return switch (item) {
            case PLAN -> LocalDate.of(2019, 9, 2 + random.nextInt(5));
            case DEPLOYMENT -> LocalDate.of(2019, 9, 7 + random.nextInt(6));
            case STUDY_SERIES -> LocalDate.of(2019, 9, 16 + random.nextInt(15));
            case SECRETARY_TRAINING -> LocalDate.of(2019, 9, 20).plusDays(random.nextInt(20));
            case PARTY_LECTURE -> LocalDate.of(2019, 10, 8 + random.nextInt(24));
            case EXPERIENCE_EXCHANGE -> LocalDate.of(2019, 10, 15).plusDays(random.nextInt(31));
            case RECTIFICATION_LEDGER -> LocalDate.of(2019, 10, 20).plusDays(random.nextInt(31));
            case VOLUNTEER_SERVICE -> LocalDate.of(2019, 10, 10).plusDays(random.nextInt(50));
            case ORGANIZATIONAL_LIFE_MEETING -> LocalDate.of(2019, 12, 2 + random.nextInt(19));
            case SUMMARY -> LocalDate.of(2019, 12, 20 + random.nextInt(11));
        };
    }

    // ---- problems: 178 found, 157 rectified, 21 being rectified ----

    private void problems() {
        Random random = random(9);
        List<Org> teams = organizationsOf(Tier.SECTION);
        List<Org> organs = teams.stream().filter(t -> t.sector() == Sector.ORGAN).toList();
        List<Org> governmentOrgans = organs.stream().filter(t -> t.parent() == 1).toList();
        List<Org> towns = teams.stream().filter(t -> t.sector() == Sector.TOWNSHIP).toList();
        List<Org> enterprises = teams.stream().filter(t -> t.sector() == Sector.STATE_OWNED).toList();
        Org finance = organs.stream().filter(t -> t.name().startsWith("县财政局")).findFirst().orElseThrow();

        record Draft(Org org, int special) {
        }
        List<Draft> drafts = new ArrayList<>();
        // 省委巡视组巡视反馈问题: each county body, then ten organ and town teams.
        for (int body = 0; body < 4; body++) {
            drafts.add(new Draft(organizations.get(body), 0));
        }
        List<Org> organsAndTowns = new ArrayList<>(organs);
        organsAndTowns.addAll(towns);
        sample(organsAndTowns, 10, random).forEach(org -> drafts.add(new Draft(org, 0)));
        // 营商环境不优问题: eight government departments, four towns.
        sample(governmentOrgans, 8, random).forEach(org -> drafts.add(new Draft(org, 1)));
        sample(towns, 4, random).forEach(org -> drafts.add(new Draft(org, 1)));
        // 国有资产管理不规范问题: every state-owned enterprise, the finance bureau twice, two more departments.
        enterprises.forEach(org -> drafts.add(new Draft(org, 2)));
        drafts.add(new Draft(finance, 2));
        drafts.add(new Draft(finance, 2));
        sample(governmentOrgans.stream().filter(o -> o != finance).toList(), 2, random)
                .forEach(org -> drafts.add(new Draft(org, 2)));
        // Found while studying, inspecting and correcting: the county bodies, teams and branches.
        for (int body = 0; body < 4; body++) {
            drafts.add(new Draft(organizations.get(body), -1));
        }
        List<Org> branches = branches();
        while (drafts.size() < PROBLEMS - 78) {
            drafts.add(new Draft(pick(random, teams), -1));
        }
        while (drafts.size() < PROBLEMS) {
            drafts.add(new Draft(pick(random, branches), -1));
        }

        // Outcomes, over the problems in random order.
        List<Integer> order = new ArrayList<>(IntStream.range(0, PROBLEMS).boxed().toList());
        Collections.shuffle(order, random);
        Map<Integer, Integer> rank = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            rank.put(order.get(i), i);
        }
        for (int p = 0; p < drafts.size(); p++) {
            Draft draft = drafts.get(p);
            Org org = draft.org();
            FocusArea focus = draft.special() >= 0 ? specialFocus(org, draft.special()) : focus(org, random);
            String description = draft.special() >= 0
                    ? pick(random, CountyText.SPECIAL_PROBLEMS.get(draft.special()))
                    : pick(random, CountyText.PROBLEMS.get(focus));
            ProblemSource source = draft.special() >= 0 ? specialSource(draft.special(), random) : source(random);
            String owner = switch (org.tier()) {
                case COUNTY -> org.name() + "主要负责同志";
                case SECTION -> pick(random, CountyText.SECTION_OWNERS);
                case BRANCH -> pick(random, CountyText.BRANCH_OWNERS);
            };
            int outcome = rank.get(p);
            Due deadline;
            List<Step> steps = new ArrayList<>();
            if (outcome < OVERDUE) {
                // Overdue: its deadline passed in 2019 and it is still being rectified.
                deadline = Due.fixed(LocalDate.of(2019, 11, 30).plusDays(outcome * 10L));
                if (outcome % 2 == 0) {
                    steps.add(new SetMeasures(List.of(new Measure(pick(random, CountyText.MEASURES),
                            Due.fixed(LocalDate.of(2019, 11, 15))))));
                }
            } else if (outcome < PROBLEMS - RECTIFIED) {
                // Being rectified, due in the months after loading.
                deadline = Due.afterAnchor(45 + random.nextInt(106));
                int kind = outcome - OVERDUE; // 17 of them
                if (kind < 8) {
                    steps.add(measures(deadline, random));
                } else if (kind < 15) {
                    if (kind == 8) {
                        steps.add(new ExtendDeadline(Due.afterAnchor(deadline.daysAfterAnchor() + 60),
                                CountyText.EXTEND_REASON));
                    }
                } else {
                    steps.add(rectify(p, random));
                    steps.add(new Reopen(CountyText.REOPEN_REASON));
                }
            } else {
                deadline = Due.afterAnchor(30 + random.nextInt(61));
                int kind = outcome - (PROBLEMS - RECTIFIED); // 157 of them
                if (kind < 3) {
                    steps.add(measures(deadline, random));
                    steps.add(rectify(p, random));
                    steps.add(new Reopen(CountyText.REOPEN_REASON));
                    steps.add(measures(deadline, random));
                    steps.add(rectify(p, random));
                } else {
                    if (random.nextBoolean()) {
                        steps.add(measures(deadline, random));
                    }
                    steps.add(rectify(p, random));
                    if (kind < 65) {
                        steps.add(new Verify(CountyText.VERIFY_COMMENT));
                    }
                }
            }
            problems.add(new Problem(p, org.index(), focus, source, draft.special(), description, owner, deadline,
                    List.copyOf(steps)));
        }
    }

    private static SetMeasures measures(Due deadline, Random random) {
        List<String> chosen = new ArrayList<>(CountyText.MEASURES);
        Collections.shuffle(chosen, random);
        int count = 1 + random.nextInt(3);
        List<Measure> measures = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            measures.add(new Measure(chosen.get(m),
                    Due.afterAnchor(7 + random.nextInt(Math.max(1, deadline.daysAfterAnchor() - 7)))));
        }
        return new SetMeasures(measures);
    }

    private static Rectify rectify(int problem, Random random) {
        String evidence = pick(random, CountyText.EVIDENCE);
        if (random.nextBoolean()) {
            return new Rectify(evidence, List.of());
        }
        return new Rectify(evidence, List.of(new Attachment("整改佐证材料.pdf",
                sha256("demo-v1-problem-" + problem + "-evidence"))));
    }

    private static FocusArea focus(Org org, Random random) {
        List<FocusArea> areas = switch (org.tier()) {
            case COUNTY -> List.of(FocusArea.OTHER, FocusArea.WORK_STYLE_AND_EFFICIENCY);
            case SECTION -> CountyText.teamFocus(org.sector());
            case BRANCH -> CountyText.branchFocus(org.sector());
        };
        return pick(random, areas);
    }

    private static FocusArea specialFocus(Org org, int special) {
        return switch (special) {
            case 0 -> org.tier() == Tier.COUNTY ? FocusArea.OTHER : CountyText.teamFocus(org.sector()).get(0);
            case 1 -> org.sector() == Sector.TOWNSHIP ? FocusArea.POLICY_DELIVERY : FocusArea.WORK_STYLE_AND_EFFICIENCY;
            default -> org.sector() == Sector.STATE_OWNED ? FocusArea.TRANSFORMATION_AND_UPGRADING
                    : FocusArea.WORK_STYLE_AND_EFFICIENCY;
        };
    }

    private static ProblemSource specialSource(int special, Random random) {
        return switch (special) {
            case 0 -> ProblemSource.INSPECTION_FEEDBACK;
            case 1 -> random.nextBoolean() ? ProblemSource.SOLICITED_OPINION : ProblemSource.PUBLIC_REPORT;
            default -> random.nextInt(10) < 6 ? ProblemSource.SUPERVISION : ProblemSource.SELF_INSPECTION;
        };
    }

    private static ProblemSource source(Random random) {
        int r = random.nextInt(100);
        return r < 60 ? ProblemSource.SELF_INSPECTION : r < 85 ? ProblemSource.SOLICITED_OPINION
                : r < 93 ? ProblemSource.SUPERVISION : ProblemSource.PUBLIC_REPORT;
    }

    // ---- helpers ----

    private List<Org> organizationsOf(Tier tier) {
        return organizations.stream().filter(org -> org.tier() == tier).toList();
    }

    private List<Org> branches() {
        return organizationsOf(Tier.BRANCH);
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static <T> List<T> sample(List<T> list, int count, Random random) {
        List<T> copy = new ArrayList<>(list);
        Collections.shuffle(copy, random);
        return List.copyOf(copy.subList(0, count));
    }

    private static List<String> append(List<String> list, String element) {
        List<String> copy = new ArrayList<>(list);
        copy.add(element);
        return copy;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
