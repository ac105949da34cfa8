// Conformance of the activity screen (the audit trail, through Services' listEvents), against
// the store EDGE_CONFORMANCE_STORE names (see support/ConformanceSuite.h): what every write
// records, filters, paging and query validation.

#include "ConformanceSuite.h"

#include <QJsonArray>
#include <QTest>

using namespace edge;
using namespace edge::test;

class TestConformanceActivity final : public ConformanceSuite
{
    Q_OBJECT

private slots:
    // --- the audit trail -----------------------------------------------------------------

    void everyWriteIsRecorded()
    {
        const QString tag = newTag();
        const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-5);
        const User user = create(QStringLiteral("ev.%1@example.test").arg(tag), QStringLiteral("Ev %1").arg(tag));
        UpdateUserCommand update{.id = user.id().value(), .baseVersion = 1};
        update.username = QStringLiteral("Ev2 %1").arg(tag);
        update.role = QStringLiteral("support");
        await(services().updateUser.execute(update));
        await(services().deleteUser.execute({user.id().value()}));

        const QList<ActivityEntry> events = eventsAbout(user.id().value());
        QStringList types;
        for (const ActivityEntry &entry : events)
            types << entry.type;
        QCOMPARE(types, (QStringList{u"user.deleted"_qs, u"user.updated"_qs, u"user.created"_qs})); // newest first
        const Actor &actor = services().actor();
        for (const ActivityEntry &entry : events) {
            QCOMPARE(entry.subjectType, QStringLiteral("user"));
            QCOMPARE(entry.subjectId, user.id().value());
            QCOMPARE(entry.actorId, actor.id);
            QCOMPARE(entry.actorLabel, actor.label);
            QVERIFY(entry.occurredAt >= before);
            QVERIFY(entry.id > 0);
        }
        QCOMPARE(events[2].payload.value(u"email"_qs).toString(), user.email().value());
        QCOMPARE(events[2].payload.value(u"role"_qs).toString(), QStringLiteral("learner"));
        QCOMPARE(events[1].payload.value(u"changes"_qs).toArray(),
                 (QJsonArray{u"username"_qs, u"role"_qs}));
        QCOMPARE(events[1].payload.value(u"username"_qs).toString(), QStringLiteral("Ev2 %1").arg(tag));
        QCOMPARE(events[0].payload.value(u"role"_qs).toString(), QStringLiteral("support"));
        QVERIFY(events[0].id > events[1].id);
        QVERIFY(events[1].id > events[2].id);
    }

    void eventFilters_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("fromHours"); // relative to now; 0: no bound
        QTest::addColumn<int>("toHours");
        QTest::addColumn<int>("expected");
        QTest::newRow("all") << QString() << 0 << 0 << 2;
        QTest::newRow("by type") << "user.updated" << 0 << 0 << 1;
        QTest::newRow("other type") << "user.deleted" << 0 << 0 << 0;
        QTest::newRow("inside range") << QString() << -1 << 1 << 2;
        QTest::newRow("range in the future") << QString() << 1 << 2 << 0;
        QTest::newRow("range in the past") << QString() << -2 << -1 << 0;
    }

    void eventFilters()
    {
        QFETCH(QString, type);
        QFETCH(int, fromHours);
        QFETCH(int, toHours);
        QFETCH(int, expected);
        const QString tag = newTag();
        const User user = create(QStringLiteral("ef.%1@example.test").arg(tag), QStringLiteral("Ef %1").arg(tag));
        UpdateUserCommand update{.id = user.id().value(), .baseVersion = 1};
        update.username = QStringLiteral("Ef2 %1").arg(tag);
        await(services().updateUser.execute(update));

        EventQuery query;
        query.subjectId = user.id().value();
        query.subjectType = QStringLiteral("user");
        query.type = type;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (fromHours || toHours) {
            query.from = now.addSecs(fromHours * 3600);
            query.to = now.addSecs(toHours * 3600);
        }
        const EventPage page = await(services().listEvents.execute(query));
        QCOMPARE(page.total, qint64(expected));
        QCOMPARE(page.items.size(), expected);
        QCOMPARE(page.totalPages, expected ? 1 : 0);
    }

    void eventPaging()
    {
        const QString tag = newTag();
        const User user = create(QStringLiteral("ep.%1@example.test").arg(tag), QStringLiteral("Ep %1").arg(tag));
        for (int version = 1; version <= 4; ++version) {
            UpdateUserCommand update{.id = user.id().value(), .baseVersion = version};
            update.username = QStringLiteral("Ep%1 %2").arg(version).arg(tag);
            await(services().updateUser.execute(update));
        }
        EventQuery query;
        query.subjectId = user.id().value();
        query.pageSize = 2;
        query.page = 3;
        const EventPage last = await(services().listEvents.execute(query));
        QCOMPARE(last.total, qint64(5));
        QCOMPARE(last.totalPages, 3);
        QCOMPARE(last.items.size(), 1);
        QCOMPARE(last.items.first().type, QStringLiteral("user.created"));
    }

    void eventQueryValidation_data()
    {
        QTest::addColumn<QString>("field");
        QTest::newRow("type") << "type";
        QTest::newRow("actorId") << "actorId";
        QTest::newRow("subjectType") << "subjectType";
        QTest::newRow("to") << "to";
        QTest::newRow("pageSize") << "pageSize";
    }

    void eventQueryValidation()
    {
        QFETCH(QString, field);
        EventQuery query;
        if (field == QLatin1String("type"))
            query.type = QStringLiteral("user.exploded");
        else if (field == QLatin1String("actorId"))
            query.actorId = QStringLiteral("someone");
        else if (field == QLatin1String("subjectType"))
            query.subjectType = QStringLiteral("planet");
        else if (field == QLatin1String("to"))
            query.from = QDateTime::currentDateTimeUtc(), query.to = query.from.addSecs(-60);
        else
            query.pageSize = 0;
        const auto error = failureOf<ValidationError>(services().listEvents.execute(query));
        QVERIFY(error);
        QCOMPARE(keysOf(error->fieldErrors()), QStringList{field});
    }
};

QTEST_GUILESS_MAIN(TestConformanceActivity)
#include "tst_conformance_activity.moc"
