// SPDX-License-Identifier: GPL-3.0-or-later
// Header fields of the statutory form and hospital printouts, found by their labels.
#include "pharmdesk/ocr/FormParser.h"
#include "pharmdesk/ocr/TextNormalize.h"

#include "pharmdesk/core/Hangul.h"

#include "pharmdesk/core/Rrn.h"

#include <QRegularExpression>

#include <array>
#include <functional>

#include <algorithm>

namespace pharmdesk::ocr {

namespace {

using core::Field;
using core::ReviewReason;

/// A line with its words compacted (no spaces) and concatenated, remembering where each word
/// starts, so a label found in the compact text maps back to words and boxes.
struct CompactLine
{
    const OcrLine* line = nullptr;
    QString text;
    QList<qsizetype> starts;  ///< start of each word in `text`

    explicit CompactLine(const OcrLine& l) : line(&l)
    {
        for (const OcrWord& w : l.words) {
            starts.append(text.size());
            text += text::compact(w.text);
        }
    }

    /// Box and minimum confidence of the words overlapping [from, to).
    TextSpan span(qsizetype from, qsizetype to) const
    {
        TextSpan s;
        s.text = text.mid(from, to - from);
        s.confidence = 1.0;
        bool any = false;
        for (qsizetype i = 0; i < starts.size(); ++i) {
            const qsizetype a = starts[i];
            const qsizetype b = i + 1 < starts.size() ? starts[i + 1] : text.size();
            if (b > from && a < to) {
                s.box = s.box.united(line->words[i].box);
                s.confidence = std::min(s.confidence, line->words[i].confidence);
                any = true;
            }
        }
        if (!any)
            s.confidence = 0.0;
        return s;
    }

    /// The box of characters [from, to) alone: within a word ("2026년") the part is cut out in
    /// proportion to typical character widths (a digit about half a syllable, a bracket or a
    /// point less).
    QRect charactersBox(qsizetype from, qsizetype to) const
    {
        auto width = [](QChar c) {
            if (c.isDigit())
                return 0.55;
            if (c == QLatin1Char('(') || c == QLatin1Char(')'))
                return 0.4;
            return c == QLatin1Char('.') || c == QLatin1Char('-') || c == QLatin1Char(',') ? 0.3 : 1.0;
        };
        QRect box;
        for (qsizetype i = 0; i < starts.size(); ++i) {
            const qsizetype a = starts[i];
            const qsizetype b = i + 1 < starts.size() ? starts[i + 1] : text.size();
            if (b <= from || a >= to)
                continue;
            double before = 0, inside = 0, total = 0;
            for (qsizetype k = a; k < b; ++k) {
                const double w = width(text.at(k));
                total += w;
                if (k < from)
                    before += w;
                else if (k < to)
                    inside += w;
            }
            // The model's word boxes can reach into the next word ("2026" over its "년").
            QRect word = line->words[i].box;
            if (i + 1 < starts.size() && line->words[i + 1].box.left() > word.left())
                word.setRight(std::min(word.right(), line->words[i + 1].box.left() - 1));
            const int left = word.left() + int(word.width() * before / total);
            const int right = word.left() + int(word.width() * (before + inside) / total);
            box = box.united(QRect(QPoint(left, word.top()), QPoint(std::max(left, right - 1), word.bottom())));
        }
        return box;
    }
};

/// Every label the forms print; a value ends where the next label begins.
const QStringList& allLabels()
{
    static const QStringList labels = {
        QStringLiteral("교부연월일및번호"), QStringLiteral("교부연월일"), QStringLiteral("교부번호"),
        QStringLiteral("요양기관기호"), QStringLiteral("의료기관"), QStringLiteral("명칭"), QStringLiteral("전화번호"),
        QStringLiteral("팩스번호"), QStringLiteral("e-mail"), QStringLiteral("환자"), QStringLiteral("성명"),
        QStringLiteral("주민등록번호"), QStringLiteral("질병분류기호"), QStringLiteral("처방의료인의"),
        QStringLiteral("처방의료인"), QStringLiteral("면허종별"), QStringLiteral("면허번호"), QStringLiteral("면혀번호"),
        QStringLiteral("(서명"),
        QStringLiteral("서명또는날인"), QStringLiteral("사용기간"), QStringLiteral("진료과"), QStringLiteral("병록번호"),
        QStringLiteral("등록번호"), QStringLiteral("처방일"), QStringLiteral("발행일"), QStringLiteral("팩스"),
        QStringLiteral("연락처"), QStringLiteral("성별"), QStringLiteral("나이"), QStringLiteral("보험"),
        QStringLiteral("주소"), QStringLiteral("TEL"), QStringLiteral("FAX"),
    };
    return labels;
}

} // namespace

const QStringList& headerLabels()
{
    static const QStringList labels = [] {
        QStringList all = allLabels();
        all += {
            QStringLiteral("요양기관번호"), QStringLiteral("기관기호"), QStringLiteral("의료기관명"), QStringLiteral("병원명"),
            QStringLiteral("전화"), QStringLiteral("환자명"), QStringLiteral("수진자"), QStringLiteral("주민번호"),
            QStringLiteral("처방의료인의성명"), QStringLiteral("의료인의성명"), QStringLiteral("처방의료인성명"),
            QStringLiteral("처방의사"), QStringLiteral("의사명"), QStringLiteral("의사성명"), QStringLiteral("상병코드"),
            QStringLiteral("질병코드"), QStringLiteral("상병명"), QStringLiteral("처방일자"), QStringLiteral("보험구분"),
            QStringLiteral("의료인의"), QStringLiteral("의료인"), QStringLiteral("처방"),
        };
        all.removeDuplicates();
        return all;
    }();
    return labels;
}

namespace {

struct LabelValue
{
    TextSpan value;
    TextSpan firstCluster;  ///< the value's first run of closely spaced words (a person's name)
    int lineIndex = -1;
    qsizetype from = 0;     ///< the value in its line's compact text: [from, to)
    qsizetype to = 0;
};

/// Strips what cell borders and colons leave around a value: leading non-alphanumerics
/// (":", "：", "|", "+", "*"), trailing borders.
QString trimValue(const QString& s)
{
    static const QRegularExpression lead(QStringLiteral("^[^\\p{L}\\p{N}]+"));
    static const QRegularExpression trail(QStringLiteral("[|:;\\]\\[(_]+$"));
    QString t = s;
    t.remove(lead);
    t.remove(trail);
    return t;
}

/// Where to read again a name the page read garbled: its first cluster, with room for a first or
/// last syllable the garbled word's box lost ("= 승 서" read from the box of "BAM").
QRect aroundGarbledName(const LabelValue& v)
{
    const QRect word = v.firstCluster.box.isNull() ? v.value.box : v.firstCluster.box;
    const int h = word.height();
    return word.adjusted(-h / 2, -h / 4, h, h / 4);
}

using AcceptValue = std::function<bool(const LabelValue&)>;

/// The text after the first of `labels` on a line, up to the next known label. `skipAfter`
/// rejects an occurrence preceded by one of these (e.g. "의료인의" before a patient's "성명").
/// When `accept` is given, a value it refuses sends the search on to the next line (the title
/// "처방전" must not end the search for "처방" before the prescriber's line).
/// Where `label` occurs in `text` from `from` on: exactly, or, when `fuzzy` and the label has
/// four or more syllables, with one syllable misread ("면히번호" for 면허번호: 허 and 히 differ by a
/// short stroke). No two labels of that length differ in only one syllable except synonyms
/// (질병코드 / 상병코드). -1 when absent.
qsizetype findLabel(const QString& text, const QString& label, qsizetype from, bool fuzzy)
{
    const qsizetype exact = text.indexOf(label, from);
    if (exact >= 0 || !fuzzy || label.size() < 4)
        return exact;
    for (qsizetype at = std::max<qsizetype>(from, 0); at + label.size() <= text.size(); ++at) {
        int misses = 0;
        for (qsizetype i = 0; i < label.size() && misses <= 1; ++i)
            misses += text.at(at + i) != label.at(i);
        // The misread one must be inside the label: a label with its first or last syllable
        // changed is more often another word.
        if (misses == 1 && text.at(at) == label.front() && text.at(at + label.size() - 1) == label.back())
            return at;
    }
    return -1;
}

std::optional<LabelValue> valueAfter(const QList<CompactLine>& lines, const QStringList& labels, bool fuzzy,
                                     const QStringList& rejectIfPrecededBy, const AcceptValue& accept);

/// Exact label matches anywhere on the page first; only then labels with one syllable misread.
std::optional<LabelValue> valueAfter(const QList<CompactLine>& lines, const QStringList& labels,
                                     const QStringList& rejectIfPrecededBy = {}, const AcceptValue& accept = {})
{
    if (auto exact = valueAfter(lines, labels, false, rejectIfPrecededBy, accept))
        return exact;
    return valueAfter(lines, labels, true, rejectIfPrecededBy, accept);
}

std::optional<LabelValue> valueAfter(const QList<CompactLine>& lines, const QStringList& labels, bool fuzzy,
                                     const QStringList& rejectIfPrecededBy, const AcceptValue& accept)
{
    for (int li = 0; li < lines.size(); ++li) {
        const CompactLine& cl = lines[li];
        for (const QString& label : labels) {
            qsizetype at = findLabel(cl.text, label, 0, fuzzy);
            while (at >= 0) {
                const bool rejected = std::any_of(rejectIfPrecededBy.begin(), rejectIfPrecededBy.end(),
                                                  [&](const QString& p) { return cl.text.left(at).endsWith(p); });
                if (!rejected)
                    break;
                at = findLabel(cl.text, label, at + 1, fuzzy);
            }
            if (at < 0)
                continue;
            const qsizetype from = at + label.size();
            qsizetype to = cl.text.size();
            for (const QString& stop : allLabels()) {
                const qsizetype s = findLabel(cl.text, stop, from, true);
                if (s >= from && s < to && !(s == from && label.endsWith(stop)))
                    to = s;
            }
            LabelValue lv;
            lv.value = cl.span(from, to);
            lv.lineIndex = li;
            lv.from = from;
            lv.to = to;
            lv.value.text = trimValue(lv.value.text);
            if (lv.value.text.isEmpty())
                continue;
            // First cluster: from the first word with a letter or digit, while the gaps stay
            // under half a character, or under a whole one between single syllables (EMRs
            // print names letter-spaced: "윤 예 혁").
            qsizetype clusterEnd = to;
            qsizetype clusterStart = -1;
            int previousRight = 0;
            bool singleSyllables = true;
            int clusterWords = 0;
            for (qsizetype w = 0; w < cl.starts.size(); ++w) {
                const qsizetype a = std::max(cl.starts[w], from);
                const qsizetype b = std::min(w + 1 < cl.starts.size() ? cl.starts[w + 1] : cl.text.size(), to);
                if (b <= a)
                    continue;
                const OcrWord& word = cl.line->words[w];
                const bool syllable = b - a == 1;
                if (clusterStart < 0) {
                    if (trimValue(cl.text.mid(a, b - a)).isEmpty())
                        continue;
                    clusterStart = a;
                } else {
                    const int gap = word.box.left() - previousRight;
                    // A whole character between single syllables (a letter-spaced name), and
                    // between a lone surname and the given name printed apart from it ("최 준주",
                    // measured on a clean print); not after a letter-spaced name ("최 민 석 영해").
                    const bool surnameApart = clusterWords == 1 && singleSyllables;
                    const int allowed = singleSyllables && (syllable || surnameApart) ? word.box.height() : word.box.height() / 2;
                    if (gap > allowed) {
                        clusterEnd = a;
                        break;
                    }
                }
                singleSyllables = singleSyllables && syllable;
                ++clusterWords;
                previousRight = word.box.right();
            }
            if (clusterStart >= 0) {
                lv.firstCluster = cl.span(clusterStart, clusterEnd);
                lv.firstCluster.text = trimValue(lv.firstCluster.text);
            }
            if (accept && !accept(lv))
                continue;
            return lv;
        }
    }
    return std::nullopt;
}

Field<QString> stringField(const TextSpan& s, const QString& value)
{
    return Field<QString>::read(value, s.confidence, s.box);
}

void parseIssue(const QList<CompactLine>& lines, core::Prescription& p, QHash<QString, QRect>* boxes)
{
    static const QRegularExpression date(QStringLiteral(
        "((?:19|20)[0-9OolI]{2})\\s*[년.\\-/]\\s*([0-9OolI]{1,2})\\s*[월.\\-/]\\s*([0-9OolI]{1,2})\\s*일?"));
    static const QRegularExpression number(QStringLiteral("제?([0-9OolI]{1,13})호"));
    // Prefer lines near the 교부/처방일 label (the value may sit on the line below a two-line
    // label); never the form's own revision date ("개정 2017. 3. 7.") or a printout footer.
    int labelLine = -1;
    for (int i = 0; i < lines.size() && labelLine < 0; ++i) {
        const QString& t = lines[i].text;
        // The two-line label read out of order ("교부 및 연월일 번호") still names the line.
        const bool issued = t.contains(QStringLiteral("교부연월일"))
            || (t.contains(QStringLiteral("교부")) && t.contains(QStringLiteral("연월일")));
        // "교부일로부터 3일" (the validity) is no issue label, but may share the 처방일자 line.
        if ((issued && !t.contains(QStringLiteral("교부일로부터"))) || t.contains(QStringLiteral("처방일"))
            || t.contains(QStringLiteral("발행일")))
            labelLine = i;
    }
    QList<int> order;
    for (int i = 0; i < lines.size(); ++i) {
        static const QRegularExpression notIssue(QStringLiteral("개정|출력|서식|별지|규칙"));
        // The line a sending fax machine prints across the top: its date is the transmission's
        // (measured: "2026-10-06 17:34 FAX 02-540-5574 P.061/001" taken for the issue date).
        static const QRegularExpression faxLine(QStringLiteral("[0-2]?[0-9]:[0-5][0-9].*(FAX|Fax|fax|P\\.?[0-9OolI]{1,3}/)"));
        if (notIssue.match(lines[i].text).hasMatch() || faxLine.match(lines[i].line->text()).hasMatch())
            continue;
        order.append(i);
    }
    if (labelLine >= 0) {
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            return std::abs(a - labelLine) < std::abs(b - labelLine);
        });
    }
    for (int i : order) {
        const CompactLine& cl = lines[i];
        const auto m = date.match(cl.text);
        if (!m.hasMatch())
            continue;
        // The form's revision note closes its date with '>' ("<개정 2017. 3. 7.>"), also where
        // the words around it were misread (measured on a 650-pixel scan: "CNB 2017. 3. 7.>").
        static const QRegularExpression revisionEnd(QStringLiteral("^[.\\s]*[>〉)]"));
        if (revisionEnd.match(cl.text.mid(m.capturedEnd())).hasMatch())
            continue;
        const auto y = text::repairDigits(m.captured(1));
        const auto mo = text::repairDigits(m.captured(2));
        const auto d = text::repairDigits(m.captured(3));
        TextSpan s = cl.span(m.capturedStart(), m.capturedEnd());
        // A date with no issue label read anywhere may be any date on the page: never certain.
        if (labelLine < 0)
            s.confidence = std::min(s.confidence, 0.85);
        const QDate value(y ? y->toInt() : 0, mo ? mo->toInt() : 0, d ? d->toInt() : 0);
        // A zero-padded month before a one-digit day ("2025-05-1"): the day's second digit may
        // be lost (measured on a photo: 2025-05-13 read "2025-05-1" by all three models). Never
        // certain, and no second reading can confirm it.
        const bool dayCut = m.captured(2).size() == 2 && m.captured(2).startsWith(QLatin1Char('0')) && m.captured(3).size() == 1;
        if (dayCut)
            s.confidence = std::min(s.confidence, 0.5);
        if (value.isValid()) {
            p.issueDate = Field<QDate>::read(value, s.confidence, s.box);
            if (boxes && dayCut)
                boxes->insert(QStringLiteral("issue_date.incomplete"), s.box);
            // Where each part's digits are, for the digit model's second read. Only for a date
            // by its label: agreement on any other date on the page proves nothing.
            if (boxes && labelLine >= 0 && !dayCut) {
                for (int part : { 1, 2, 3 }) {
                    boxes->insert(QStringLiteral("issue_date.%1").arg(part),
                                  cl.charactersBox(m.capturedStart(part), m.capturedEnd(part)));
                }
            }
        }
        else
            p.reviewReasons.append({ ReviewReason::Kind::Invalid, QStringLiteral("issue_date"), m.captured(0) });
        // The number follows the date: "제 00123 호", or a bare number after a dash.
        const QString rest = cl.text.mid(m.capturedEnd());
        auto n = number.match(rest);
        static const QRegularExpression bare(QStringLiteral("^[-–~]?([0-9OolI]{3,13})"));
        if (!n.hasMatch())
            n = bare.match(rest);
        if (n.hasMatch()) {
            if (const auto digits = text::repairDigits(n.captured(1))) {
                const qsizetype start = m.capturedEnd() + n.capturedStart(1);
                const TextSpan ns = cl.span(start, start + n.capturedLength(1));
                p.issueNumber = Field<QString>::read(*digits, ns.confidence, ns.box);
            }
        }
        return;
    }
}

void parseRrn(const QList<CompactLine>& lines, core::Prescription& p)
{
    // With its dash the number stands out even behind a stray digit ("8 181010-4901951").
    // Matched on the spaced text: compacting would glue a neighbouring number to it.
    static const QRegularExpression withDash(QStringLiteral("([0-9OolIS]{6}) ?- ?([0-9OolIS]{7})(?![0-9])"));
    static const QRegularExpression withoutDash(QStringLiteral("(?<![0-9])([0-9OolIS]{6})([0-9OolIS]{7})(?![0-9])"));
    QList<int> order;
    for (int i = 0; i < lines.size(); ++i) {
        if (lines[i].text.contains(QStringLiteral("주민")))
            order.prepend(i);
        else
            order.append(i);
    }
    for (int i : order) {
        const QString spaced = lines[i].line->text();
        auto m = withDash.match(spaced);
        if (!m.hasMatch())
            m = withoutDash.match(spaced);
        if (!m.hasMatch()) {
            // Printed masked, as telemedicine services and many EMRs do ("030329-3******"):
            // the birth date and sex digit are all there is to read.
            static const QRegularExpression masked(QStringLiteral("(?<![0-9])([0-9OolIS]{6}) ?- ?([1-8OolIS]) ?[*＊xX]{4,6}"));
            const auto mm = masked.match(spaced);
            if (!mm.hasMatch())
                continue;
            const auto front = text::repairDigits(mm.captured(1) + mm.captured(2));
            const QString value = front ? front->left(6) + QLatin1Char('-') + front->mid(6) + QStringLiteral("******") : QString();
            const TextSpan s = spanOf(*lines[i].line, mm.capturedStart(), mm.capturedLength());
            if (front && front->size() == 7 && core::rrn::birthDate(value))
                p.patient.rrn = Field<QString>::read(value, s.confidence, s.box);
            else
                p.reviewReasons.append({ ReviewReason::Kind::Invalid, QStringLiteral("patient.rrn"), {} });
            return;
        }
        const auto digits = text::repairDigits(m.captured(1) + m.captured(2));
        if (!digits)
            continue;
        const auto normalized = core::rrn::normalize(*digits);
        const TextSpan s = spanOf(*lines[i].line, m.capturedStart(), m.capturedLength());
        if (normalized && core::rrn::isValid(*normalized))
            p.patient.rrn = Field<QString>::read(*normalized, s.confidence, s.box);
        else
            p.reviewReasons.append({ ReviewReason::Kind::Invalid, QStringLiteral("patient.rrn"), {} });
        return;
    }
}

/// The cell beside the statutory form's label printed down three lines (질병 / 분류 / 기호): from
/// the label's right edge to the prescriber's label (처방 / 의료인의 / 성명), from the top of its
/// first line to the bottom of its last. Any one part of the label read as such places it: a part
/// the page read garbled ("#2" for 분류) is estimated from the others' line pitch. Null when no
/// part of the label starts a line.
QRect splitLabelCell(const QList<CompactLine>& lines)
{
    const std::array<QString, 3> parts = { QStringLiteral("질병"), QStringLiteral("분류"), QStringLiteral("기호") };
    std::array<QRect, 3> label;
    int stopLeft = -1;
    for (const CompactLine& cl : lines) {
        for (size_t i = 0; i < parts.size(); ++i) {
            if (!label[i].isNull() || !cl.text.startsWith(parts[i]))
                continue;
            label[i] = cl.span(0, parts[i].size()).box;
            for (const QString& stop : { QStringLiteral("처방"), QStringLiteral("의료인"), QStringLiteral("성명") }) {
                const qsizetype s = cl.text.indexOf(stop, parts[i].size());
                if (s < 0)
                    continue;
                const int left = cl.span(s, s + stop.size()).box.left();
                stopLeft = stopLeft < 0 ? left : std::min(stopLeft, left);
            }
        }
    }
    QList<int> found;
    for (int i = 0; i < 3; ++i) {
        if (!label[i].isNull())
            found.append(i);
    }
    if (found.isEmpty())
        return {};
    int h = 0;
    int right = 0;
    for (int i : found) {
        h = std::max(h, label[i].height());
        right = std::max(right, label[i].right());
    }
    // Line pitch from two parts found, else the form's (about 1.6 text heights).
    double pitch = 1.6 * h;
    if (found.size() >= 2)
        pitch = double(label[found.last()].center().y() - label[found.first()].center().y()) / (found.last() - found.first());
    const int firstCentre = label[found.first()].center().y() - int(found.first() * pitch);
    const int lastCentre = label[found.last()].center().y() + int((2 - found.last()) * pitch);
    const int left = right + h / 3;
    const int end = stopLeft > left + 2 * h ? stopLeft - h / 3 : left + 12 * h;
    return QRect(QPoint(left, firstCentre - h), QPoint(end, lastCentre + h));
}

void parseDiagnosis(const QList<CompactLine>& lines, core::Prescription& p, QHash<QString, QRect>* boxes)
{
    auto codesIn = [](const QString& text) {
        QStringList codes;
        for (const text::KcdCode& c : text::kcdCodes(text))
            codes.append(c.code);
        return codes;
    };

    QStringList codes;
    TextSpan where;
    QRect unreadBox;
    auto v = valueAfter(lines, { QStringLiteral("질병분류기호"), QStringLiteral("상병코드"), QStringLiteral("질병코드"),
                                 QStringLiteral("상병명") });
    if (v) {
        codes = codesIn(v->value.text);
        where = v->value;
        // Something code-like beside the codes read ("111.9" for I11.9 before K29.7) is a code
        // the page read missed: the list may be incomplete, whatever a second read agrees on.
        QString rest = v->value.text;
        const auto found = text::kcdCodes(rest);
        for (auto c = found.crbegin(); c != found.crend(); ++c)
            rest.remove(c->start, c->length);
        static const QRegularExpression codeLike(QStringLiteral("[A-Z0-9]{3}"));
        if (!codes.isEmpty() && codeLike.match(rest).hasMatch()) {
            where.confidence = std::min(where.confidence, 0.85);
            if (boxes)
                boxes->insert(QStringLiteral("diagnosis_codes.incomplete"), v->value.box);
        }
    }
    const bool splitLabel = codes.isEmpty();
    if (splitLabel) {
        // The statutory form prints the label down three lines (질병 / 분류 / 기호) and the codes
        // beside any of them, before the prescriber's label (처방 / 의료인의 / 성명).
        where = {};
        where.confidence = 1.0;
        for (const CompactLine& cl : lines) {
            for (const QString& part : { QStringLiteral("질병"), QStringLiteral("분류"), QStringLiteral("기호") }) {
                if (!cl.text.startsWith(part))
                    continue;
                qsizetype to = cl.text.size();
                for (const QString& stop : { QStringLiteral("처방"), QStringLiteral("의료인"), QStringLiteral("성명") }) {
                    const qsizetype s = cl.text.indexOf(stop, part.size());
                    if (s >= 0 && s < to)
                        to = s;
                }
                const TextSpan span = cl.span(part.size(), to);
                const QStringList found = codesIn(span.text);
                if (found.isEmpty()) {
                    // Something stands there that is not a code yet ("635.1" for "B35.1"): the
                    // reader reads it again with the KCD character set.
                    if (!trimValue(span.text).isEmpty() && unreadBox.isNull())
                        unreadBox = span.box;
                    continue;
                }
                codes += found;
                where.box = where.box.united(span.box);
                where.confidence = std::min(where.confidence, span.confidence);
            }
        }
    }
    if (boxes && splitLabel) {
        const QRect cell = splitLabelCell(lines);
        if (!cell.isNull())
            boxes->insert(QStringLiteral("diagnosis_codes.cell"), cell);
    }
    if (boxes && v && !v->value.box.isNull())
        boxes->insert(QStringLiteral("diagnosis_codes.value"), v->value.box); // the whole value after the label
    if (boxes) {
        if (v && codes.isEmpty())
            boxes->insert(QStringLiteral("diagnosis_codes"), v->firstCluster.box.isNull() ? v->value.box : v->firstCluster.box);
        else if (!where.box.isNull())
            boxes->insert(QStringLiteral("diagnosis_codes"), where.box);
        else if (!unreadBox.isNull())
            boxes->insert(QStringLiteral("diagnosis_codes"), unreadBox);
    }
    if (!codes.isEmpty())
        p.diagnosisCodes = Field<QStringList>::read(codes, where.confidence, where.box);
    // Codes gathered beside a label printed down several lines: a code beside one of them may
    // have been missed, and no second reading covers them all (measured: N40 and R35 with only
    // R35 read, then confirmed by a re-read of its own line). The reader caps them.
    // (Measured: the form's footnote "…질병분류기호를 기재하지 아니합니다" is a label match with no
    // code in it; the codes beside the split label are what counts then.)
    if (boxes && !codes.isEmpty() && splitLabel)
        boxes->insert(QStringLiteral("diagnosis_codes.split_label"), where.box);
}

std::optional<std::pair<QString, TextSpan>> digitsAfter(const QList<CompactLine>& lines, const QStringList& labels,
                                                        int minDigits, int maxDigits)
{
    const auto v = valueAfter(lines, labels);
    if (!v)
        return std::nullopt;
    // The value's words, glued where they stand close (digits printed one per box: "3 8 1 1 5 5
    // 1 9", each in its box: gaps up to twice a digit's height, measured) and kept apart by a
    // space where a gap wider than three heights parts them: a speck or border far right of the
    // number is no digit of it (measured: "25805" and a "4" 190 px away read as licence 258054
    // by both models).
    const CompactLine& cl = lines[v->lineIndex];
    QString spaced;
    QList<qsizetype> compactAt;  ///< for each character of `spaced`: its offset in cl.text, -1 for a gap
    int previousRight = -1;
    int previousHeight = 0;
    for (qsizetype w = 0; w < cl.starts.size(); ++w) {
        const qsizetype a = std::max(cl.starts[w], v->from);
        const qsizetype b = std::min(w + 1 < cl.starts.size() ? cl.starts[w + 1] : cl.text.size(), v->to);
        if (a >= b)
            continue;
        const QRect box = cl.line->words[w].box;
        if (previousRight >= 0 && box.left() - previousRight > 3 * std::max(box.height(), previousHeight)) {
            spaced += QLatin1Char(' ');
            compactAt.append(-1);
        }
        for (qsizetype i = a; i < b; ++i) {
            spaced += cl.text.at(i);
            compactAt.append(i);
        }
        previousRight = box.right();
        previousHeight = box.height();
    }
    const QRegularExpression re(QStringLiteral("[0-9OolISB\\-]{%1,%2}").arg(minDigits).arg(maxDigits + 3));
    const auto m = re.match(spaced);
    if (!m.hasMatch())
        return std::nullopt;
    auto digits = text::repairDigits(m.captured(0));
    if (!digits)
        return std::nullopt;
    digits->remove(QLatin1Char('-'));
    digits->remove(QLatin1Char('.'));
    if (digits->size() < minDigits || digits->size() > maxDigits)
        return std::nullopt;
    // The matched characters never include a gap: the pattern has no space.
    const TextSpan where = cl.span(compactAt[m.capturedStart()], compactAt[m.capturedEnd() - 1] + 1);
    return std::make_pair(*digits, where);
}

/// The statutory form prints 면허번호 right under 면허종별, their values in one column; hospital
/// printouts print both on one line. When the page read garbled the number's label ("Wess" or
/// "Hays" for 면허번호, measured on clean prints), the number under the kind's value with a word
/// where the label belongs, or the number after a colon closing the kind's line, is the licence
/// number. It is
/// rated under any review threshold: only the digit models' agreement (PrescriptionReader) can
/// make it certain.
void licenceNumberUnderKind(const QList<CompactLine>& lines, core::Prescription& p)
{
    constexpr double kByPlaceOnly = 0.85;
    const auto kind = valueAfter(lines, { QStringLiteral("면허종별") });
    if (!kind || kind->value.box.isNull())
        return;
    const QRect label = lines[kind->lineIndex].span(std::max<qsizetype>(0, kind->from - 4), kind->from).box;
    const QRect value = kind->value.box;
    const int h = std::max(value.height(), 12);
    const auto licenceDigits = [](const OcrWord& w) -> std::optional<QString> {
        const auto digits = text::repairDigits(text::compact(w.text));
        if (!digits || digits->size() < 3 || digits->size() > 6
            || !std::all_of(digits->cbegin(), digits->cend(), [](QChar c) { return c.isDigit(); }))
            return std::nullopt;
        return digits;
    };
    // Printed on one line ("면허종별: 의사  면허번호: 915712", hospital printouts): the line's last
    // word, a number, right after a colon, beyond the kind.
    const QList<OcrWord>& kindWords = lines[kind->lineIndex].line->words;
    if (kindWords.size() >= 3) {
        const OcrWord& last = kindWords.back();
        const QString beforeLast = text::compact(kindWords[kindWords.size() - 2].text);
        const bool afterColon = beforeLast.endsWith(QLatin1Char(':')) || beforeLast.endsWith(QChar(0xFF1A));
        if (afterColon && last.box.left() > value.left() + 2 * h) {
            if (const auto digits = licenceDigits(last)) {
                p.prescriber.licenseNumber = Field<QString>::read(*digits, std::min(last.confidence, kByPlaceOnly), last.box);
                return;
            }
        }
    }
    for (int li = kind->lineIndex + 1; li < lines.size(); ++li) {
        const OcrLine& line = *lines[li].line;
        if (line.box.top() > value.bottom() + 3 * h)
            break;
        const OcrWord* number = nullptr;
        bool labelPlace = false;
        for (const OcrWord& w : line.words) {
            if (w.box.top() <= value.bottom() || w.box.top() > value.bottom() + 3 * h)
                continue;
            if (std::abs(w.box.left() - value.left()) <= h)
                number = &w;
            else if (!label.isNull() && std::abs(w.box.left() - label.left()) <= h)
                labelPlace = true;
        }
        if (!number || !labelPlace)
            continue;
        const auto digits = licenceDigits(*number);
        if (!digits)
            return;
        p.prescriber.licenseNumber = Field<QString>::read(*digits, std::min(number->confidence, kByPlaceOnly), number->box);
        return;
    }
}

QString cleanPersonName(QString s)
{
    static const QRegularExpression tail(QStringLiteral("\\(?서명.*$|\\(?날인.*$|\\(인\\)$|[(（].*$|[^가-힣A-Za-z]+$"));
    s.remove(tail);
    // A name followed by specks and stray marks ("윤예혁.1\"타의은", "김진수or" with a red seal
    // read as Latin letters over its end): the name is the leading run of syllables when
    // anything but a syllable ends it.
    static const QRegularExpression leading(QStringLiteral("^([가-힣]{2,5})[^가-힣]"));
    if (const auto m = leading.match(s); m.hasMatch())
        s = m.captured(1);
    return s;
}

bool isPersonName(const QString& name)
{
    static const QRegularExpression personName(QStringLiteral("^[가-힣]{2,5}$"));
    // Fragments of neighbouring labels that a misread can leave where a name should be.
    static const QRegularExpression labelFragment(QStringLiteral("료인|인의$|의료|일자|성명|면허|의약|처방|날인|서명|번호|기관|환자|내역|명칭|주사|조제|약품|투약|용법"));
    return personName.match(name).hasMatch() && !labelFragment.match(name).hasMatch();
}

} // namespace

std::optional<QString> personNameIn(const QString& text)
{
    const QString name = cleanPersonName(text::compact(text));
    if (!isPersonName(name))
        return std::nullopt;
    return name;
}

void parseHeader(const QList<OcrLine>& ocrLines, core::Prescription& p, QHash<QString, QRect>* boxes)
{
    QList<CompactLine> lines;
    for (const OcrLine& l : ocrLines)
        lines.append(CompactLine(l));

    parseIssue(lines, p, boxes);
    parseRrn(lines, p);
    parseDiagnosis(lines, p, boxes);

    const QStringList codeLabels = { QStringLiteral("요양기관기호"), QStringLiteral("기관기호"), QStringLiteral("요양기관번호") };
    if (const auto code = digitsAfter(lines, codeLabels, 8, 8))
        p.institution.code = stringField(code->second, code->first);
    else if (const auto v = valueAfter(lines, codeLabels); v && boxes)
        boxes->insert(QStringLiteral("institution.code"), v->value.box);
    // Not the pharmacy's own "조제기관의 명칭" in the dispensing box at the foot of the form.
    if (const auto v = valueAfter(lines, { QStringLiteral("명칭"), QStringLiteral("의료기관명"), QStringLiteral("병원명") },
                                  { QStringLiteral("조제기관의"), QStringLiteral("조제기관") })) {
        if (v->firstCluster.text.size() >= 2)
            p.institution.name = stringField(v->firstCluster, v->firstCluster.text);
    }
    if (const auto v = valueAfter(lines, { QStringLiteral("전화번호"), QStringLiteral("전화"), QStringLiteral("TEL") })) {
        // Dashes as printed or as read: "02—474—4631".
        static const QRegularExpression phone(QStringLiteral("0[0-9OolI]{1,2}[-—–‐]?[0-9OolI]{3,4}[-—–‐]?[0-9OolI]{4}"));
        const auto m = phone.match(v->value.text);
        if (m.hasMatch()) {
            static const QRegularExpression dashes(QStringLiteral("[—–‐]"));
            if (const auto digits = text::repairDigits(QString(m.captured(0)).replace(dashes, QStringLiteral("-")))) {
                const auto standard = text::formatPhone(*digits);
                p.institution.phone = stringField(v->value, standard.value_or(*digits));
                // The number's own box, without the colon before it (read again by the digit
                // model, a colon becomes a digit: "102-543-7988").
                const CompactLine& cl = lines[v->lineIndex];
                const qsizetype lead = cl.text.mid(v->from, v->to - v->from).indexOf(v->value.text);
                if (lead >= 0) {
                    const QRect own = cl.charactersBox(v->from + lead + m.capturedStart(), v->from + lead + m.capturedEnd());
                    if (!own.isEmpty())
                        p.institution.phone.box = own;
                }
                // No such number: a digit was misread or taken in (measured: "002-226-3805").
                if (!standard)
                    p.institution.phone.confidence = std::min(p.institution.phone.confidence, 0.5);
            }
        }
    }
    const QStringList prescriberPrefixes = { QStringLiteral("의료인의"), QStringLiteral("의료인"), QStringLiteral("의사") };
    auto isName = [](const QString& name) { return isPersonName(name); };
    auto acceptName = [&](const LabelValue& v) { return isName(cleanPersonName(v.firstCluster.text)); };
    const QStringList patientLabels = { QStringLiteral("환자명"), QStringLiteral("성명"), QStringLiteral("수진자") };
    if (const auto v = valueAfter(lines, patientLabels, prescriberPrefixes, acceptName)) {
        p.patient.name = stringField(v->firstCluster, cleanPersonName(v->firstCluster.text));
    } else if (const auto garbled = valueAfter(lines, patientLabels, prescriberPrefixes); garbled && boxes) {
        // Something stands after the label that is no name ("BAM" for 류승서: Latin letters won
        // the page read); its place is read again alone.
        boxes->insert(QStringLiteral("patient.name"), aroundGarbledName(*garbled));
    }
    // The statutory label "처방 의료인의 성명" spans three lines; its value sits beside "처방".
    for (const QStringList& labels : { QStringList { QStringLiteral("처방의료인의성명"), QStringLiteral("의료인의성명"),
                                                     QStringLiteral("처방의료인성명"), QStringLiteral("처방의사"),
                                                     QStringLiteral("의사명"), QStringLiteral("의사성명") },
                                       QStringList { QStringLiteral("의료인의") }, QStringList { QStringLiteral("처방") } }) {
        if (p.prescriber.name.hasValue())
            break;
        // The bare "처방" only where it stands as a word of its own on the prescriber's row of
        // the statutory form (with 질병분류기호 or 면허종별 beside it): "처방전", "처방내역", the
        // table's "처방 의약품의 명칭" and the footer's "처방의 변경" are other labels.
        QList<CompactLine> candidates;
        for (const CompactLine& cl : lines) {
            const bool standalone = std::any_of(cl.line->words.cbegin(), cl.line->words.cend(), [](const OcrWord& w) {
                return text::compact(w.text) == QStringLiteral("처방");
            });
            const bool prescriberRow = cl.text.contains(QStringLiteral("면허")) || cl.text.contains(QStringLiteral("질병"));
            if (labels.first() != QStringLiteral("처방") || (standalone && prescriberRow))
                candidates.append(cl);
        }
        if (const auto v = valueAfter(candidates, labels, {}, acceptName))
            p.prescriber.name = stringField(v->firstCluster, cleanPersonName(v->firstCluster.text));
    }
    // Last resort: on the statutory form the prescriber's name stands just before 면허종별.
    for (int li = 0; li < lines.size() && !p.prescriber.name.hasValue(); ++li) {
        const CompactLine& cl = lines[li];
        const qsizetype at = cl.text.indexOf(QStringLiteral("면허종별"));
        if (at <= 0)
            continue;
        // The word before it, or the run of single syllables before it when the name is
        // letter-spaced ("김 도 온"), each gap under a character's width.
        qsizetype last = -1;
        for (qsizetype w = cl.starts.size() - 1; w >= 0 && last < 0; --w) {
            if (cl.starts[w] < at)
                last = w;
        }
        if (last < 0)
            continue;
        qsizetype first = last;
        auto syllable = [&](qsizetype w) { return text::compact(cl.line->words[w].text).size() == 1; };
        // A surname printed apart from the given name ("배 연서", measured on a clean print)
        // joins it the same way.
        while (first > 0 && syllable(first - 1) && (syllable(last) || first == last)
               && cl.line->words[first].box.left() - cl.line->words[first - 1].box.right() <= cl.line->words[first].box.height())
            --first;
        QString joined;
        QRect box;
        double confidence = 1.0;
        for (qsizetype w = first; w <= last; ++w) {
            joined += text::compact(cl.line->words[w].text);
            box = box.united(cl.line->words[w].box);
            confidence = std::min(confidence, cl.line->words[w].confidence);
        }
        const QString candidate = cleanPersonName(joined);
        if (isName(candidate))
            p.prescriber.name = Field<QString>::read(candidate, confidence, box);
    }
    if (!p.prescriber.name.hasValue() && boxes) {
        const QStringList labels = { QStringLiteral("처방의료인의성명"), QStringLiteral("의료인의성명"), QStringLiteral("처방의사"),
                                     QStringLiteral("의사명"), QStringLiteral("의사성명") };
        if (const auto garbled = valueAfter(lines, labels)) {
            boxes->insert(QStringLiteral("prescriber.name"), aroundGarbledName(*garbled));
        }
    }
    if (!p.prescriber.name.hasValue() && boxes && !boxes->contains(QStringLiteral("prescriber.name"))) {
        // Nothing read as a name: the page read may have dropped it (a large name beside a
        // three-line label). Where the name belongs, right of "의료인의", it can be read alone.
        for (const CompactLine& cl : lines) {
            const qsizetype at = cl.text.indexOf(QStringLiteral("의료인"));
            if (at < 0)
                continue;
            const TextSpan label = cl.span(at, at + 3);
            const int h = std::max(label.box.height(), 12);
            qsizetype end = cl.text.size();
            for (qsizetype w = 0; w < cl.starts.size(); ++w) {
                if (cl.starts[w] > at + 3 && cl.line->words[w].box.left() > label.box.right()) {
                    end = cl.starts[w];
                    break;
                }
            }
            int right = label.box.right() + 9 * h;
            if (end < cl.text.size())
                right = std::min(right, cl.span(end, end + 1).box.left() - 2);
            boxes->insert(QStringLiteral("prescriber.name"),
                          QRect(QPoint(label.box.right() + h / 2, label.box.top() - h), QPoint(right, label.box.bottom() + h)));
            break;
        }
    }
    if (!p.prescriber.name.hasValue() && boxes && !boxes->contains(QStringLiteral("prescriber.name"))) {
        // The statutory form's name stands before 면허종별; a large Myeongjo name read as Latin
        // letters ("yew" for 김동훈, the label beside it garbled too) leaves its place there.
        for (const CompactLine& cl : lines) {
            const qsizetype at = cl.text.indexOf(QStringLiteral("면허종별"));
            if (at <= 0)
                continue;
            qsizetype last = -1;
            for (qsizetype w = 0; w < cl.starts.size() && cl.starts[w] < at; ++w)
                last = w;
            const TextSpan label = cl.span(at, at + 4);
            if (last < 0 || label.box.isNull())
                break;
            const OcrWord& word = cl.line->words[last];
            const QString t = text::compact(word.text);
            const bool latinOnly = std::any_of(t.cbegin(), t.cend(), [](QChar c) { return c.isLetter(); })
                                   && std::none_of(t.cbegin(), t.cend(), [](QChar c) { return core::hangul::isSyllable(c); });
            const int h = std::max(label.box.height(), 12);
            if (latinOnly && label.box.left() - word.box.right() < 12 * h)
                boxes->insert(QStringLiteral("prescriber.name"), word.box.adjusted(-h / 2, -h / 4, h, h / 4));
            break;
        }
    }
    if (const auto v = valueAfter(lines, { QStringLiteral("면허종별") })) {
        static const QRegularExpression marks(QStringLiteral("[^가-힣]"));
        const QString cell = QString(v->value.text).remove(marks);
        for (const QString& kind : { QStringLiteral("치과의사"), QStringLiteral("한의사"), QStringLiteral("의사") }) {
            if (cell.contains(kind)) {
                p.prescriber.licenseType = stringField(v->value, kind);
                // One of three words and nothing else in the cell: the list confirms the read.
                // With more in the cell ("치파의사"), "의사" may be the end of another kind.
                p.prescriber.licenseType.confidence = cell == kind ? std::max(p.prescriber.licenseType.confidence, 0.95)
                                                                   : std::min(p.prescriber.licenseType.confidence, 0.85);
                break;
            }
        }
    }
    if (!p.issueNumber.hasValue()) {
        if (const auto number = digitsAfter(lines, { QStringLiteral("교부번호") }, 1, 13))
            p.issueNumber = stringField(number->second, number->first);
    }
    // "면혀번호": 허 and 혀 differ by one short stroke and are confused at small sizes.
    if (const auto lic = digitsAfter(lines, { QStringLiteral("면허번호"), QStringLiteral("면혀번호") }, 3, 6))
        p.prescriber.licenseNumber = stringField(lic->second, lic->first);
    if (!p.prescriber.licenseNumber.hasValue())
        licenceNumberUnderKind(lines, p);

    static const QRegularExpression validity(QStringLiteral("교부일로부터\\(?([0-9OolI]{1,3})\\)?일"));
    for (const CompactLine& cl : lines) {
        const auto m = validity.match(cl.text);
        if (!m.hasMatch())
            continue;
        if (const auto d = text::repairDigits(m.captured(1))) {
            const TextSpan s = cl.span(m.capturedStart(1), m.capturedEnd(1));
            p.validityDays = Field<int>::read(d->toInt(), s.confidence, cl.charactersBox(m.capturedStart(1), m.capturedEnd(1)));
        }
        break;
    }
}

} // namespace pharmdesk::ocr
