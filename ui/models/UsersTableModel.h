#pragma once

#include "application/Services.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QTimer>

#include <memory>
#include <optional>

namespace edge::ui {

class UsersPageLoader;

// The users table, loaded lazily in windows so a store of a million users opens at once:
// rows are fetched in pages of UsersPageLoader::PageSize around what the view asks for, the
// match count comes separately (rowCount grows to it when it arrives; until then it is what
// has been loaded, and fetchMore() reads on), and search and sort go into the query, not
// into a proxy. Rows not loaded yet show a light "Loading…" and ask for their page.
class UsersTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { EmailColumn, UsernameColumn, RoleColumn, CreatedColumn, UpdatedColumn, ColumnCount };
    enum Role {
        UserRole = Qt::UserRole + 1, // the edge::User of the row (invalid while loading)
        UnderlyingDataRole,          // the column's value, typed (QDateTime for timestamps)
        LoadedRole,                  // bool: whether the row's page has arrived
    };
    static constexpr int MaxCachedPages = 50;

    explicit UsersTableModel(QObject *parent = nullptr);
    ~UsersTableModel() override;

    // Shows the users of this store (or nothing with nullptr); starts over.
    void setServices(std::shared_ptr<Services> services);
    void setSearch(const QString &search);
    QString search() const { return m_query.search; }
    // Reloads the count and every page as it is next shown, keeping rows on screen meanwhile.
    void refresh();

    static bool isSortable(int column);
    UserSortField sortField() const { return m_query.sort; }
    SortOrder sortOrder() const { return m_query.order; }

    // -1 while counting.
    qint64 totalCount() const { return m_total; }
    bool isLoading() const;
    std::optional<User> userAt(int row) const;
    // The row showing this user, among the loaded rows; invalid if not loaded.
    QModelIndex indexOfUser(const QString &userId) const;

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

private:
    void restart();
    void onPageLoaded(quint64 generation, int page, const QList<edge::User> &users);
    void onCountLoaded(quint64 generation, qint64 total);
    void onLoadFailed(quint64 generation, int page, const QString &message);
    void requestWantedPages();
    void setRowCount(int rows);
    int loadedExtent() const;
    void evictPagesFarFrom(int page);
    void wantPage(int page) const;

    UsersPageLoader *m_loader;
    std::shared_ptr<Services> m_services;
    UserListQuery m_query;
    quint64 m_generation = 0;
    QHash<int, QList<User>> m_pages;
    QSet<int> m_stalePages;     // shown until their reloaded copy arrives (refresh)
    QSet<int> m_failedPages;    // not asked for again until a refresh
    qint64 m_total = -1;        // -1 until counted
    bool m_endSeen = false;     // a short page told where the rows end
    int m_rowCount = 0;
    // data() is const and called while painting: page requests are collected here and sent
    // from the event loop, one batch per paint.
    mutable QSet<int> m_wantedPages;
    mutable QTimer m_wantedTimer;
};

} // namespace edge::ui
