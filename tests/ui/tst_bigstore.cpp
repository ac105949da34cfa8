#include "models/UsersTableModel.h"
#include "support/ConsoleFixture.h"
#include "support/GuiTestSupport.h"
#include "window/MainWindow.h"

#include <QElapsedTimer>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace edge;
using namespace edge::ui;

// "Done means: the GUI opens a store of 1,000,000 users and shows the first rows without a
// visible freeze." Opt-in, as it needs a big store made beforehand:
//   edge-admin-cli --store /tmp/big.db generate-users 1000000
//   EDGE_BIG_STORE=/tmp/big.db ctest -R ui.tst_bigstore --output-on-failure
// Measures the longest the event loop went without turning (a ticking timer) while the
// store opens, the first rows appear, and the scrollbar is dragged to the middle.
class TestBigStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void opensAndScrollsWithoutFreezing();

private:
    QTemporaryDir m_home;
    QString m_store;
};

void TestBigStore::initTestCase()
{
    m_store = qEnvironmentVariable("EDGE_BIG_STORE");
    if (m_store.isEmpty())
        QSKIP("Set EDGE_BIG_STORE to a store with many users (edge-admin-cli generate-users 1000000)");
    testsupport::isolateUserFiles(m_home.path());
}

void TestBigStore::opensAndScrollsWithoutFreezing()
{
    constexpr qint64 MaxStallMs = 200; // what people start to notice as a hitch
    QElapsedTimer sinceTick;
    qint64 longestStall = 0;
    QTimer ticker;
    ticker.setInterval(5);
    connect(&ticker, &QTimer::timeout, this, [&] {
        longestStall = std::max(longestStall, sinceTick.restart());
    });

    testsupport::ConsoleFixture console;
    MainWindow &window = console.window();
    auto *table = window.findChild<QTableView *>(QStringLiteral("usersTable"));
    auto *model = qobject_cast<UsersTableModel *>(table->model());

    QElapsedTimer clock;
    clock.start();
    sinceTick.start();
    ticker.start();
    window.openStore(m_store, OpenMode::OpenExisting);
    QTRY_VERIFY_WITH_TIMEOUT(model->index(0, 0).data(UsersTableModel::LoadedRole).toBool(), 10000);
    const qint64 firstRowsMs = clock.elapsed();
    QTRY_VERIFY_WITH_TIMEOUT(model->totalCount() >= 0, 30000);
    const qint64 countedMs = clock.elapsed();
    QVERIFY2(model->rowCount() >= 1000000, qPrintable(QString::number(model->rowCount())));

    // Drag the scrollbar to the middle in steps, as a hand would.
    QScrollBar *bar = table->verticalScrollBar();
    clock.restart();
    for (int step = 1; step <= 20; ++step) {
        bar->setSliderDown(true);
        bar->setSliderPosition(bar->maximum() / 2 * step / 20);
        QTest::qWait(15);
    }
    bar->setSliderDown(false);
    const int middleRow = table->rowAt(0);
    QVERIFY(middleRow > 400000);
    QTRY_VERIFY_WITH_TIMEOUT(model->index(middleRow, 0).data(UsersTableModel::LoadedRole).toBool(), 10000);
    const qint64 middleRowsMs = clock.elapsed();
    ticker.stop();

    qInfo("first rows after %lld ms, count after %lld ms, middle rows %lld ms after the drag "
          "started; longest event-loop stall %lld ms",
          firstRowsMs, countedMs, middleRowsMs, longestStall);
    QVERIFY2(longestStall < MaxStallMs, qPrintable(QStringLiteral("stalled %1 ms").arg(longestStall)));
}

QTEST_MAIN(TestBigStore)
#include "tst_bigstore.moc"
