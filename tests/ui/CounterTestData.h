// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the counter tests: a real record store in a temporary folder (file keychain) behind
// CounterRecords, and generated image files (one-page PNG, two-page PDF and TIFF).
#pragma once

#include "pharmdesk/store/RecordStore.h"
#include "pharmdesk/ui/CounterRecords.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <memory>
#include <vector>

namespace pharmdesk::ui::test {

/// A store under `<root>/records` with its key file under `<root>/keys`.
inline core::Result<std::shared_ptr<store::RecordStore>> openStoreIn(const QString& root)
{
    store::StoreOptions options;
    options.directory = QDir(root).filePath(QStringLiteral("records"));
    options.keychain = std::make_shared<store::FileKeychain>(QDir(root).filePath(QStringLiteral("keys")));
    auto opened = store::RecordStore::open(options);
    if (!opened)
        return opened.error();
    return std::shared_ptr<store::RecordStore>(std::move(opened).value());
}

inline std::shared_ptr<CounterRecords> recordsIn(const QString& root, const QString& actor = QStringLiteral("test:counter"))
{
    return std::make_shared<CounterRecords>([root] { return openStoreIn(root); },
        [root] { return std::make_unique<store::FileKeychain>(QDir(root).filePath(QStringLiteral("keys"))); }, actor);
}

/// The records worker's answer. Waits for the worker to be idle first: QFuture::waitForFinished()
/// would run a job that has not started yet on this thread, out of order.
template<typename T>
T answer(CounterRecords& records, QFuture<T> future)
{
    records.waitForIdle();
    return future.result();
}

/// A plain page of grey `shade` (different shades: different SHA-256).
inline QString writePng(const QString& path, int shade)
{
    QImage image(900, 700, QImage::Format_RGB32);
    image.fill(QColor(shade, shade, shade));
    return image.save(path) ? path : QString();
}

/// Two A5 pages at 150 dpi, told apart by a black square in different corners.
inline QString writeTwoPagePdf(const QString& path)
{
    {
        QPdfWriter writer(path);
        writer.setPageSize(QPageSize(QPageSize::A5));
        writer.setResolution(150);
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter(&writer);
        painter.fillRect(QRect(600, 1000, 100, 100), Qt::black);
        writer.newPage();
        painter.fillRect(QRect(50, 50, 150, 150), Qt::black);
    }
    return QFile::exists(path) ? path : QString();
}

/// Two grey pages of different sizes in one TIFF.
inline QString writeTwoPageTiff(const QString& path)
{
    std::vector<cv::Mat> pages;
    for (int i = 0; i < 2; ++i) {
        cv::Mat m(700 + 100 * i, 500 + 50 * i, CV_8UC1, cv::Scalar(255));
        cv::rectangle(m, cv::Rect(40, 50 + 90 * i, 300, 20), cv::Scalar(0), cv::FILLED);
        pages.push_back(m);
    }
    return cv::imwritemulti(path.toStdString(), pages) ? path : QString();
}

} // namespace pharmdesk::ui::test
