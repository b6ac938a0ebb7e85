// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace pharmdesk::core {

/// A permitted medicinal product (MFDS 품목허가), as held in the local drug cache.
struct Product
{
    qint64 id = 0;            ///< row id in the local cache; stable for the life of one cache file
    QString itemSeq;          ///< MFDS ITEM_SEQ (품목기준코드), empty where the source lacks it
    QString name;             ///< ITEM_NAME as permitted, e.g. "타이레놀정500밀리그람(아세트아미노펜)"
    QString company;          ///< ENTP_NAME, may be empty
    QString permitNumber;     ///< 품목허가번호
    QStringList ediCodes;     ///< 9-digit insurance (EDI) codes, text with leading zeros; zero or more
    QString ingredients;      ///< main ingredients as listed, may be empty
    QString form;             ///< dosage form word from the name (정, 캡슐, 시럽, ...), may be empty
    bool hasGuide = false;    ///< an e약은요 text exists for it in the cache

    bool isValid() const { return id > 0; }
    bool operator==(const Product&) const = default;
};

/// e약은요 (easy drug information) text for one product, as published; never paraphrased.
struct GuideText
{
    QString itemSeq;
    QString itemName;
    QString efficacy;     ///< efcyQesitm: what it is for
    QString usage;        ///< useMethodQesitm: how to take it
    QString caution;      ///< atpnQesitm: warnings (may be empty)
    QString interaction;  ///< intrcQesitm (absent from the shipped subset)
    QString sideEffects;  ///< seQesitm (absent from the shipped subset)
    QString storage;      ///< depositMethodQesitm

    bool isEmpty() const { return efficacy.isEmpty() && usage.isEmpty() && storage.isEmpty(); }
};

/// A candidate product for a query, with a calibrated score in 0..1.
struct ProductMatch
{
    Product product;
    double score = 0.0;
    QString matchedBy;    ///< "code", "name", ...: what matched, for review reasons and logs
};

} // namespace pharmdesk::core
