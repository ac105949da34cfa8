#include "ActivityPage.h"

#include "common/ActivityFormatting.h"
#include "common/UserFormatting.h"
#include "application/EventBus.h"
#include "models/ActivityModel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

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
    : QWidget(parent)
    , m_model(new ActivityModel(this))
{
    setObjectName(QStringLiteral("activityPage"));
    buildLayout();
    connect(&events, &EventBus::published, m_model, &ActivityModel::addLiveEvent);
    connect(m_model, &ActivityModel::totalChanged, this, &ActivityPage::showTotal);
    connect(m_model, &ActivityModel::loadFailed, this, [this](const QString &message) {
        m_error->setText(tr("Could not read the activity: %1").arg(message));
        m_error->show();
    });
    connect(m_model, &QAbstractItemModel::modelReset, m_error, &QWidget::hide);
    setServices(nullptr, tr("No store is open."));
}

void ActivityPage::buildLayout()
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

    auto *refresh = new QPushButton(QIcon::fromTheme(QStringLiteral("view-refresh"),
                                                     QIcon(QStringLiteral(":/icons/view-refresh.svg"))),
                                    tr("&Refresh"));
    refresh->setObjectName(QStringLiteral("refreshActivityButton"));
    m_total = new QLabel;
    m_total->setObjectName(QStringLiteral("activityTotalLabel"));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_type);
    filters->addWidget(m_actor, 1);
    filters->addWidget(new QLabel(tr("From:")));
    filters->addWidget(m_from);
    filters->addWidget(new QLabel(tr("to:")));
    filters->addWidget(m_to);
    filters->addWidget(refresh);
    filters->addSpacing(8);
    filters->addWidget(m_total);

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("activityErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("background: #fdecea; color: #8a1f11; padding: 4px;"));
    m_error->hide();

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("activityTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setHighlightSections(false);
    header->resizeSection(ActivityModel::TimeColumn, 140);
    header->resizeSection(ActivityModel::ActorColumn, 220);
    header->resizeSection(ActivityModel::WhatColumn, 260);
    header->setStretchLastSection(true);

    m_noStore = new QLabel;
    m_noStore->setObjectName(QStringLiteral("activityNoStoreLabel"));
    m_noStore->setAlignment(Qt::AlignCenter);
    m_noStore->setWordWrap(true);

    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(filters);
    contentLayout->addWidget(m_error);
    contentLayout->addWidget(m_table, 1);
    m_stack = new QStackedWidget;
    m_stack->addWidget(content);
    m_stack->addWidget(m_noStore);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_stack);

    connect(m_type, &QComboBox::currentIndexChanged, this, &ActivityPage::applyFilter);
    connect(m_actor, &QLineEdit::editingFinished, this, &ActivityPage::applyFilter);
    connect(m_actor, &QLineEdit::returnPressed, this, &ActivityPage::applyFilter);
    connect(m_from, &QDateEdit::dateChanged, this, &ActivityPage::applyFilter);
    connect(m_to, &QDateEdit::dateChanged, this, &ActivityPage::applyFilter);
    connect(refresh, &QPushButton::clicked, m_model, &ActivityModel::refresh);
}

void ActivityPage::setServices(std::shared_ptr<Services> services, const QString &noStoreMessage)
{
    m_services = services;
    m_noStore->setText(noStoreMessage);
    m_stack->setCurrentIndex(m_services ? 0 : 1);
    m_model->setServices(std::move(services));
}

void ActivityPage::applyFilter()
{
    m_model->setFilter({m_type->currentData().toString(), m_actor->text().trimmed(), boundOf(m_from),
                        boundOf(m_to)});
}

void ActivityPage::showTotal(qint64 total)
{
    if (total < 0)
        m_total->setText(m_services ? tr("Loading…") : QString());
    else
        m_total->setText(total == 1 ? tr("1 event") : tr("%1 events").arg(formatCount(total)));
}

} // namespace edge::ui
