# Sources of the remote-mode infrastructure (the edge_remote library).
target_sources(edge_remote PRIVATE
    # The Worker API client: request/result types, envelope and error mapping, retries,
    # timeouts, cancellation.
    ${CMAKE_CURRENT_LIST_DIR}/ApiTypes.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ApiTypes.h
    ${CMAKE_CURRENT_LIST_DIR}/CancelToken.cpp
    ${CMAKE_CURRENT_LIST_DIR}/CancelToken.h
    ${CMAKE_CURRENT_LIST_DIR}/PendingCall.h
    ${CMAKE_CURRENT_LIST_DIR}/RemoteErrors.h
    ${CMAKE_CURRENT_LIST_DIR}/ResponseInterpreter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ResponseInterpreter.h
    ${CMAKE_CURRENT_LIST_DIR}/RetryPolicy.cpp
    ${CMAKE_CURRENT_LIST_DIR}/RetryPolicy.h
    ${CMAKE_CURRENT_LIST_DIR}/WorkerClient.cpp
    ${CMAKE_CURRENT_LIST_DIR}/WorkerClient.h
    # The application layer's ports over the Worker, and signing in to it.
    ${CMAKE_CURRENT_LIST_DIR}/ApiJson.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ApiJson.h
    ${CMAKE_CURRENT_LIST_DIR}/HttpEventLog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/HttpEventLog.h
    ${CMAKE_CURRENT_LIST_DIR}/HttpUserRepository.cpp
    ${CMAKE_CURRENT_LIST_DIR}/HttpUserRepository.h
    ${CMAKE_CURRENT_LIST_DIR}/RemoteBackend.cpp
    ${CMAKE_CURRENT_LIST_DIR}/RemoteBackend.h
    ${CMAKE_CURRENT_LIST_DIR}/RemoteSession.cpp
    ${CMAKE_CURRENT_LIST_DIR}/RemoteSession.h
)
