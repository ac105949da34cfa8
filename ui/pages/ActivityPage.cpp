#include "ActivityPage.h"

#include "application/EventBus.h"
#include "common/ActivityFormatting.h"
#include "common/UserFormatting.h"
#include "models/ActivityModel.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>

namespace edge::ui {

namespace {
// A date edit whose lowest value reads "any": no bound on that side.
const QDate NoDate(2000, 1, 1);

QDateEdit *makeDateEdit(const QString &objectName)
{
    auto *edit = new QDateEdit;
    edit->setObjectName(objectName);
    edit->setCalendarPopup(true);
    edit->setMinimumDate(NoDate);
    edit->setSpecialValueText(ActivityPage::tr("any"));
    edit->setDate(NoDate);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    return edit;
}

QDate boundOf(const QDateEdit *edit)
{
    return edit->date() == NoDate ? QDate() : edit->date();
}
} // namespace

ActivityPage::ActivityPage(EventBus &events, QWidget *parent)
    : ListPage(tr("Activity"), QStringLiteral("activity"), new ActivityModel, parent)
    , m_model(static_cast<ActivityModel *>(model()))
{
    auto *refresh = new QAction(QIcon::fromTheme(QStringLiteral("view-refresh"),
                                                 QIcon(QStringLiteral(":/icons/view-refresh.svg"))),
                                tr("&Refresh"), this);
    refresh->setObjectName(QStringLiteral("refreshActivityAction"));
    refresh->setShortcut(Qt::Key_F5);
    refresh->setToolTip(tr("Read the activity again (F5)"));
    connect(refresh, &QAction::triggered, this, [this] { refreshKeepingSelection(); });
    addToolBarActions({refresh});
    addAction(refresh);

    setFilterBar(buildFilters());
    setCountText([this](qint64 total) {
        if (total < 0)
            return tr("Loading…");
        if (total == 0 && m_model->actorNotFound())
            return tr("No user has the email %1").arg(m_model->filter().actor.trimmed());
        return total == 1 ? tr("1 event") : tr("%1 events").arg(formatCount(total));
    });
    setLoadErrorText(tr("Could not read the activity: %1"));

    QHeaderView *header = table()->horizontalHeader();
    header->resizeSection(ActivityModel::TimeColumn, 140);
    header->resizeSection(ActivityModel::ActorColumn, 220);
    header->resizeSection(ActivityModel::WhatColumn, 260);

    connect(&events, &EventBus::published, m_model, &ActivityModel::addLiveEvent);
    setServices(nullptr, tr("No store is open."));
}

QWidget *ActivityPage::buildFilters()
{
    m_type = new QComboBox;
    m_type->setObjectName(QStringLiteral("activityTypeCombo"));
    m_type->addItem(tr("All kinds"), QString());
    for (const QString &type : knownEventTypes())
        m_type->addItem(activityTypeName(type), type);

    m_actor = new QLineEdit;
    m_actor->setObjectName(QStringLiteral("activityActorEdit"));
    m_actor->setPlaceholderText(tr("Who: email or user id"));
    m_actor->setClearButtonEnabled(true);
    m_from = makeDateEdit(QStringLiteral("activityFromDate"));
    m_to = makeDateEdit(QStringLiteral("activityToDate"));

    auto *filters = new QWidget;
    auto *layout = new QHBoxLayout(filters);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_type);
    layout->addWidget(m_actor, 1);
    layout->addWidget(new QLabel(tr("From:")));
    layout->addWidget(m_from);
    layout->addWidget(new QLabel(tr("to:")));
    layout->addWidget(m_to);

    connect(m_type, &QComboBox::currentIndexChanged, this, &ActivityPage::applyFilter);
    connect(m_actor, &QLineEdit::editingFinished, this, &ActivityPage::applyFilter);
    connect(m_actor, &QLineEdit::returnPressed, this, &ActivityPage::applyFilter);
    connect(m_from, &QDateEdit::dateChanged, this, &ActivityPage::applyFilter);
    connect(m_to, &QDateEdit::dateChanged, this, &ActivityPage::applyFilter);
    return filters;
}

void ActivityPage::applyFilter()
{
    m_model->setFilter({m_type->currentData().toString(), m_actor->text().trimmed(), boundOf(m_from),
                        boundOf(m_to)});
}

} // namespace edge::ui
