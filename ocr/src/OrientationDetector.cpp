// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ocr/OrientationDetector.h"

#include <tesseract/baseapi.h>

namespace pharmdesk::ocr {

struct OrientationDetector::Impl
{
    tesseract::TessBaseAPI api;
};

OrientationDetector::OrientationDetector() : d(std::make_unique<Impl>()) { }

OrientationDetector::~OrientationDetector()
{
    d->api.End();
}

core::Result<std::unique_ptr<OrientationDetector>> OrientationDetector::create(const QString& tessdataDir)
{
    std::unique_ptr<OrientationDetector> detector(new OrientationDetector());
    const QByteArray dir = tessdataDir.toLocal8Bit();
    if (detector->d->api.Init(dir.constData(), "osd", tesseract::OEM_TESSERACT_ONLY) != 0) {
        return core::makeError(core::ErrorCategory::Recognition,
                               QStringLiteral("The page-orientation model (osd) could not be loaded."),
                               QStringLiteral("tessdata: ") + tessdataDir);
    }
    detector->d->api.SetVariable("debug_file", "/dev/null");
    detector->d->api.SetPageSegMode(tesseract::PSM_OSD_ONLY);
    return detector;
}

std::optional<Orientation> OrientationDetector::detect(const cv::Mat& gray)
{
    if (gray.empty() || gray.type() != CV_8UC1)
        return std::nullopt;
    tesseract::TessBaseAPI& api = d->api;
    api.Clear();
    api.SetImage(gray.data, gray.cols, gray.rows, 1, int(gray.step));
    api.SetSourceResolution(300);
    int degrees = 0;           // how the page is turned, counter-clockwise
    float confidence = 0.0f;
    const char* script = nullptr;
    float scriptConfidence = 0.0f;
    if (!api.DetectOrientationScript(&degrees, &confidence, &script, &scriptConfidence))
        return std::nullopt;
    Orientation o;
    o.clockwise = ((360 - degrees) % 360 + 360) % 360;
    o.confidence = double(confidence);
    return o;
}

} // namespace pharmdesk::ocr
