#include "LineDiff.h"

#include <vector>

namespace edge::ui {

namespace {
constexpr qint64 MaxComparedPairs = 4'000'000;
}

LineDiff diffLines(const QStringList &left, const QStringList &right)
{
    LineDiff diff{QList<bool>(left.size(), false), QList<bool>(right.size(), false)};
    qsizetype start = 0;
    while (start < left.size() && start < right.size() && left[start] == right[start])
        ++start;
    qsizetype leftEnd = left.size();
    qsizetype rightEnd = right.size();
    while (leftEnd > start && rightEnd > start && left[leftEnd - 1] == right[rightEnd - 1]) {
        --leftEnd;
        --rightEnd;
    }
    const qsizetype n = leftEnd - start;
    const qsizetype m = rightEnd - start;
    if (n == 0 || m == 0 || qint64(n) * qint64(m) > MaxComparedPairs) {
        for (qsizetype i = start; i < leftEnd; ++i)
            diff.leftChanged[i] = true;
        for (qsizetype j = start; j < rightEnd; ++j)
            diff.rightChanged[j] = true;
        return diff;
    }
    // lcs[i][j]: the longest common subsequence of the middles' suffixes from i and j.
    std::vector<std::vector<int>> lcs(size_t(n + 1), std::vector<int>(size_t(m + 1), 0));
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            lcs[i][j] = left[start + i] == right[start + j] ? lcs[i + 1][j + 1] + 1
                                                            : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n && j < m) {
        if (left[start + i] == right[start + j]) {
            ++i;
            ++j;
        } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
            diff.leftChanged[start + i++] = true;
        } else {
            diff.rightChanged[start + j++] = true;
        }
    }
    for (; i < n; ++i)
        diff.leftChanged[start + i] = true;
    for (; j < m; ++j)
        diff.rightChanged[start + j] = true;
    return diff;
}

} // namespace edge::ui
