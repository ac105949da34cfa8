#pragma once

#include "application/ports/UploadStorage.h"

namespace edge {

// A file in one request (at most UploadStorage::maxRequestBytes()).
struct PutUploadCommand
{
    UploadNaming naming;
    UploadSource source;
};

struct CreateMultipartCommand
{
    UploadNaming naming;
    qint64 fileSize = 0; // the whole file: at most MaxParts parts of partSize
    qint64 partSize = Upload::MinPartSize;
};

struct PutPartCommand
{
    MultipartUpload upload;
    int partNumber = 0;
    UploadSource source;
};

} // namespace edge
