#pragma once

#include "models/RowSource.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QTimer>

#include <memory>
#include <optional>

namespace edge::ui {

class PageLoader;

// A table of any record type, loaded lazily in windows so a store of a million rows opens
// at once: rows are fetched in pages around what the view asks for, the match count comes
// separately (rowCount grows to it when it arrives; until then it is what has been loaded,
// and fetchMore() reads on), and search, filters and sort go into the RowSource's query,
// not into a proxy. Rows not loaded yet show a light "Loading…" and ask for their page;
// pages far from the one last read are evicted. Answers of an older query are dropped by
// a generation counter, pages and counts alike. A screen gives it a RowSource and columns.
class PagedTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        RowRole = Qt::UserRole + 1, // the row's record as a QVariant (invalid while loading)
        UnderlyingDataRole,         // the column's value, typed (QDateTime for timestamps)
        LoadedRole,                 // bool: whether the row's page has arrived
    };
    static constexpr int DefaultPageSize = 200;
    static constexpr int MaxCachedPages = 50;

    PagedTableModel(std::unique_ptr<RowSource> source, QList<TableColumn> columns,
                    QObject *parent = nullptr, int pageSize = DefaultPageSize);
    ~PagedTableModel() override;

    // Shows the rows of this store (or nothing with nullptr); starts over.
    void setServices(std::shared_ptr<Services> services);
    bool hasServices() const { return m_services != nullptr; }
    // The source's query changed: drop every row and read from the top.
    void restart();
    // Reloads the count and every page as it is next shown, keeping rows on screen meanwhile.
    void refresh();
    // Shows a row this window just made at the top at once; it gives way to the store's own
    // copy when the next refresh's count or first page arrives.
    void prependLocalRow(const QVariant &row);

    int pageSize() const { return m_pageSize; }
    qint64 totalCount() const { return m_total; } // -1 while counting, or never counted
    // A source without a count (RowSource::hasCount() false): whether rows may follow the
    // ones read so far (the last page read was full).
    bool hasMoreRows() const { return !m_endSeen; }
    bool isCounted() const { return m_source->hasCount(); }
    bool isLoading() const;
    std::optional<QVariant> rowAt(int row) const;
    // The row showing the record with this id, among the loaded rows; invalid if not loaded.
    QModelIndex indexOfRow(const QString &id) const;
    QString rowIdOf(const QVariant &row) const { return m_source->rowId(row); }
    bool isSortable(int column) const { return m_source->isSortable(column); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void totalCountChanged(qint64 total); // -1: counting started
    void loadingChanged(bool loading);
    void loadFailed(const QString &message);
    void pageArrived(int firstRow, int lastRow);
    // A page arrived (or was empty): what rowCount() and hasMoreRows() say may have changed.
    void loadedRowsChanged();

protected:
    RowSource &source() const { return *m_source; }

private:
    void onPageLoaded(quint64 generation, int page, const QList<QVariant> &rows);
    void onCountLoaded(quint64 generation, qint64 total);
    void onLoadFailed(quint64 generation, int page, const QString &message);
    void requestWantedPages();
    void setPagedRowCount(int rows);
    void dropLocalRows();
    int loadedExtent() const;
    void evictPagesFarFrom(int page);
    void wantPage(int page) const;
    const QVariant *pagedRow(int pagedRow, int *page = nullptr) const;
    int localCount() const { return int(m_localRows.size()); }

    std::unique_ptr<RowSource> m_source;
    QList<TableColumn> m_columns;
    const int m_pageSize;
    PageLoader *m_loader;
    std::shared_ptr<Services> m_services;
    quint64 m_generation = 0;
    QHash<int, QList<QVariant>> m_pages;
    QList<QVariant> m_localRows; // shown above the paged rows until the store has them
    QSet<int> m_stalePages;      // shown until their reloaded copy arrives (refresh)
    QSet<int> m_failedPages;     // not asked for again until a refresh
    qint64 m_total = -1;         // -1 until counted
    bool m_endSeen = false;      // a short page told where the rows end
    int m_pagedRows = 0;         // rows below the local ones
    // data() is const and called while painting: page requests are collected here and sent
    // from the event loop, one batch per paint.
    mutable QSet<int> m_wantedPages;
    mutable QTimer m_wantedTimer;
};

} // namespace edge::ui
