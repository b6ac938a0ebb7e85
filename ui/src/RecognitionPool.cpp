// SPDX-License-Identifier: GPL-3.0-or-later
#include "pharmdesk/ui/RecognitionPool.h"

namespace pharmdesk::ui {

RecognitionPool::RecognitionPool(int size, Factory factory)
    : m_factory(std::move(factory))
{
    m_members.resize(std::max(1, size));
}

RecognitionPool::~RecognitionPool() = default;

QFuture<core::ImportResult> RecognitionPool::recognise(
    const QString& imagePath, int page, const core::CancelToken& cancel)
{
    // The least busy member; an unborn one counts as idle and is created now.
    int best = 0;
    for (int i = 1; i < m_members.size(); ++i) {
        if (m_members.at(i).outstanding->load() < m_members.at(best).outstanding->load())
            best = i;
    }
    Member& member = m_members[best];
    if (!member.service)
        member.service = m_factory();
    member.outstanding->fetch_add(1);
    QFuture<core::ImportResult> future = member.service->recognise(imagePath, page, cancel);
    // Counted down on whichever thread finishes the job; the count is atomic.
    auto outstanding = member.outstanding;
    return future.then(QtFuture::Launch::Sync, [outstanding, imagePath](QFuture<core::ImportResult> done) {
        outstanding->fetch_sub(1);
        if (done.resultCount() > 0)
            return done.result();
        // The member dropped the job (it shut down): a result all the same, as the seam promises.
        core::ImportResult dropped;
        dropped.source = imagePath;
        dropped.error = core::makeError(core::ErrorCategory::Cancelled, QStringLiteral("Recognition was stopped."));
        return dropped;
    });
}

} // namespace pharmdesk::ui
