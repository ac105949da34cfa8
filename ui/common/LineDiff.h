#pragma once

#include <QList>
#include <QStringList>

namespace edge::ui {

// Which lines differ between two texts, for showing them side by side: lines outside the
// longest common subsequence are marked changed. Texts too large to compare line by line
// in a moment (more than ~4 million line pairs after the common start and end are set
// aside) have their whole differing middle marked instead.
struct LineDiff
{
    QList<bool> leftChanged;  // one per line of the left text
    QList<bool> rightChanged; // one per line of the right text

    int changedLeft() const { return int(leftChanged.count(true)); }
    int changedRight() const { return int(rightChanged.count(true)); }
};

LineDiff diffLines(const QStringList &left, const QStringList &right);

} // namespace edge::ui
