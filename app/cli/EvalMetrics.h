// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/core/ImportResult.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace pharmdesk::cli {

/// How one recognised prescription compares with its ground truth.
struct SampleScore
{
    QString source;
    QString condition;
    QString layout;
    QString status;                  ///< ok / needs_review / failed
    int truthLines = 0;
    int identityHits = 0;            ///< truth lines whose product was recognised
    int lineExactHits = 0;           ///< ... with dose, times per day and days right as well
    int certainWrongLines = 0;       ///< result lines not flagged for review that are wrong or extra
    int headerFields = 0;            ///< header fields the truth has (a table crop has none)
    int headerExact = 0;
    int headerCertainWrong = 0;      ///< header fields not flagged that are wrong
    bool okButMissingLine = false;   ///< status ok while a truth line was not recognised exactly
    double timeMs = 0;
    double baselineMs = -1;          ///< plain tesseract on the same image; -1 when not timed
    QStringList problems;            ///< short notes for the JSON report ("line 2: dose 1 != 0.5")
};

/// Scores a result against the truth. Lines are aligned by product name, then by line number.
/// Header fields are scored only where the truth has them (a crop of the drug table has none).
SampleScore scoreSample(const core::ImportResult& truth, const core::ImportResult& result);

/// Figures for one group of samples (a capture condition, a layout, or all).
struct GroupFigures
{
    QString name;
    int headerFields = 0;            ///< 0: no header in the truth (header exact is then not applicable)
    int samples = 0;
    int failed = 0;
    int ok = 0;
    int truthLines = 0;
    double identityRecall = 0;
    double lineExact = 0;
    double headerExact = 0;
    int certainWrongLines = 0;
    int headerCertainWrong = 0;
    int okButMissingLine = 0;
    double medianMs = 0;
    double medianBaselineMs = -1;
};

struct EvalReport
{
    QList<GroupFigures> groups;   ///< per condition, sorted by name, then "all"
    QList<GroupFigures> layouts;  ///< per layout (statutory, hospital, telemedicine, table), sorted by name
    double wallMs = 0;
    int jobs = 1;
    double imagesPerMinute = 0;
};

EvalReport summarise(const QList<SampleScore>& scores, double wallMs, int jobs);
QString formatReport(const EvalReport& report);
QJsonObject toJson(const EvalReport& report, const QList<SampleScore>& scores);

} // namespace pharmdesk::cli
