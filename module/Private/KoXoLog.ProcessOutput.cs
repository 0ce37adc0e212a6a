// What a running koxolog says, gathered from its three pipes on threads of
// their own and handed to Invoke-KoXoNative in order.
//
// PowerShell script cannot run on another thread, and waiting on stdout and
// stderr by turns from script cost more than reading the records: here
// stdin is written, stdout read by blocks and turned into objects (on a core
// of its own when there is one) and stderr read by lines, all at once, and
// the script only takes what is ready. At most a few blocks wait (memory
// stays flat); the binary waits when the consumer is slower.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace KoXoLog
{
    /// <summary>One thing the binary said: objects of a block of stdout, a stderr line, a stdout line
    /// that is no object of its type, or a key the type has no property for. One field is set.</summary>
    public sealed class ProcessOutputItem
    {
        public List<object> Objects;
        public string Diagnostic;
        public string BadLine;
        public string UnknownKey;
    }

    /// <summary>The output of a started process, as <see cref="ProcessOutputItem"/>s.</summary>
    public sealed class ProcessOutput : IDisposable
    {
        private readonly BlockingCollection<ProcessOutputItem> items = new BlockingCollection<ProcessOutputItem>(16);
        private readonly CancellationTokenSource stop = new CancellationTokenSource();
        private int readersLeft = 2;

        /// <param name="process">Started with its three streams redirected.</param>
        /// <param name="reader">Turns stdout into objects.</param>
        /// <param name="stdin">Bytes to write to stdin before closing it (none: closed at once).</param>
        public ProcessOutput(Process process, RecordReader reader, byte[] stdin)
        {
            Start(delegate { WriteStdin(process.StandardInput, stdin); });
            Start(delegate { ReadStdout(process.StandardOutput, reader); });
            Start(delegate { ReadStderr(process.StandardError); });
        }

        /// <summary>Whether everything the process said was taken.</summary>
        public bool IsCompleted
        {
            get { return items.IsCompleted; }
        }

        /// <summary>The next item, or null when none came within <paramref name="milliseconds"/>.</summary>
        public ProcessOutputItem Take(int milliseconds)
        {
            ProcessOutputItem item;
            return items.TryTake(out item, milliseconds) ? item : null;
        }

        /// <summary>Stops the readers (a pipeline that stopped early takes nothing more).</summary>
        public void Dispose()
        {
            stop.Cancel();
        }

        private static void Start(ThreadStart work)
        {
            Thread thread = new Thread(work);
            thread.IsBackground = true;
            thread.Start();
        }

        private static void WriteStdin(StreamWriter input, byte[] bytes)
        {
            try
            {
                if (bytes != null && bytes.Length > 0)
                {
                    input.BaseStream.Write(bytes, 0, bytes.Length);
                }
                input.Close();
            }
            catch (IOException)
            {
                // The binary ended without reading it all: its exit code tells why.
            }
            catch (ObjectDisposedException)
            {
            }
        }

        private void ReadStdout(StreamReader output, RecordReader reader)
        {
            char[] buffer = new char[65536];
            try
            {
                while (true)
                {
                    int count = output.Read(buffer, 0, buffer.Length);
                    List<object> objects = count == 0 ? reader.Finish() : reader.Feed(buffer, count);
                    foreach (string key in reader.TakeUnknownKeys())
                    {
                        Add(new ProcessOutputItem { UnknownKey = key });
                    }
                    foreach (string line in reader.TakeBadLines())
                    {
                        Add(new ProcessOutputItem { BadLine = line });
                    }
                    if (objects.Count > 0)
                    {
                        Add(new ProcessOutputItem { Objects = objects });
                    }
                    if (count == 0)
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (IOException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
            finally
            {
                ReaderDone();
            }
        }

        private void ReadStderr(StreamReader errors)
        {
            try
            {
                string line;
                while ((line = errors.ReadLine()) != null)
                {
                    Add(new ProcessOutputItem { Diagnostic = line });
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (IOException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
            finally
            {
                ReaderDone();
            }
        }

        private void Add(ProcessOutputItem item)
        {
            items.Add(item, stop.Token);
        }

        private void ReaderDone()
        {
            if (Interlocked.Decrement(ref readersLeft) == 0)
            {
                items.CompleteAdding();
            }
        }
    }
}
