#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QToolButton;

namespace edge::ui {

// The Uploads filter row after the search box: the folder shown (a key prefix, typed or
// reached by double-clicking a file's folder, with Up to go one level higher) and the
// content type family.
class UploadFilterBar final : public QWidget
{
    Q_OBJECT

public:
    explicit UploadFilterBar(QWidget *parent = nullptr);

    // "docs/2024/" ("" for every file); always ends with '/' unless empty.
    QString folder() const { return m_folder; }
    void setFolder(const QString &folder);
    // The store's filter: "image/", "application/pdf", or "" for all.
    QString contentType() const;

signals:
    void changed();

private:
    void applyTypedFolder();
    void showFolder();

    QString m_folder;
    QLineEdit *m_folderEdit;
    QToolButton *m_upButton;
    QComboBox *m_typeCombo;
};

} // namespace edge::ui
