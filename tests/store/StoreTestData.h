// SPDX-License-Identifier: GPL-3.0-or-later
// Shared helpers of the store tests: invented prescriptions and a store in a temporary folder.
#pragma once

#include "pharmdesk/core/ImportResult.h"
#include "pharmdesk/store/KeySet.h"
#include "pharmdesk/store/RecordStore.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

namespace storetest {

/// A recognised prescription for an invented patient (the number has a valid date and sex digit).
inline pharmdesk::core::ImportResult recognised(const QString& name, const QString& rrn, bool needsReview = false)
{
    using namespace pharmdesk::core;
    Prescription p;
    p.id = QUuid::createUuid();
    p.patient.name = Field<QString>::read(name, 0.97);
    p.patient.rrn = Field<QString>::read(rrn, 0.95);
    p.issueDate = Field<QDate>::read(QDate(2026, 11, 20), 0.99);
    p.institution.name = Field<QString>::read(QStringLiteral("하늘내과의원"), 0.98);
    PrescriptionItem item;
    item.line = 1;
    item.rawText = QStringLiteral("645104370 타이레놀정500mg 1 3 5");
    item.nameAsRead = Field<QString>::read(QStringLiteral("타이레놀정500mg"), 0.96);
    item.dose = Field<double>::read(1.0, 0.99);
    item.timesPerDay = Field<int>::read(3, 0.99);
    item.days = Field<int>::read(5, 0.99);
    item.confidence = 0.95;
    if (needsReview)
        item.reviewReasons.append(ReviewReason {});
    p.items.append(item);
    ImportResult r;
    r.source = QStringLiteral("/scans/") + name + QStringLiteral(".png");
    r.prescription = p;
    r.status = needsReview ? ImportResult::Status::NeedsReview : ImportResult::Status::Ok;
    return r;
}

/// A store in its own temporary folder, with the key file fallback beside it.
struct TempStore
{
    QTemporaryDir dir;
    std::shared_ptr<pharmdesk::store::Keychain> keychain;
    std::unique_ptr<pharmdesk::store::RecordStore> store;

    pharmdesk::store::StoreOptions options(pharmdesk::store::crypto::Cipher cipher = pharmdesk::store::crypto::Cipher::Aes256Gcm)
    {
        if (!keychain)
            keychain = std::make_shared<pharmdesk::store::FileKeychain>(dir.filePath(QStringLiteral("keys")));
        pharmdesk::store::StoreOptions o;
        o.directory = dir.filePath(QStringLiteral("records"));
        o.keychain = keychain;
        o.cipher = cipher;
        return o;
    }

    QString open(pharmdesk::store::crypto::Cipher cipher = pharmdesk::store::crypto::Cipher::Aes256Gcm)
    {
        auto opened = pharmdesk::store::RecordStore::open(options(cipher));
        if (!opened)
            return opened.error().toString();
        store = std::move(opened).value();
        return {};
    }
};

/// Runs SQL on the store's database from outside (as an attacker or a clock would).
inline bool rawSql(const QString& dbPath, const QStringList& statements)
{
    const QString name = QStringLiteral("raw-") + QUuid::createUuid().toString();
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(dbPath);
        ok = db.open();
        for (const QString& sql : statements) {
            QSqlQuery q(db);
            ok = ok && q.exec(sql);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace storetest
